// bench/gen-account.mjs - write a large account snapshot and a batch over it
// (the data of bench/account.sh; never committed).
//
// usage: node bench/gen-account.mjs OUTDIR [REQUESTS]
//
// OUTDIR/snapshot.json: what `aws iam get-account-authorization-details`
// prints for an account of 5,000 roles, 2,000 users (in 50 groups),
// 3,000 customer managed policies (two versions each) and the 1,452 AWS
// managed policies of policies/aws-managed.jsonl.  Each role and user has
// an inline policy, three attached policies and, one in two, a boundary;
// every tenth document is URL-encoded as the API returns it.
// OUTDIR/requests.jsonl: REQUESTS (default 100,000) request lines naming
// that snapshot, over every principal, in turn.
// The content is a fixed function of the index: the same files each run.
import { readFileSync, writeFileSync, mkdirSync, createWriteStream } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const out = process.argv[2];
const nreq = Number(process.argv[3] || 100000);
if (!out) {
	console.error("usage: node bench/gen-account.mjs OUTDIR [REQUESTS]");
	process.exit(2);
}
const top = join(dirname(fileURLToPath(import.meta.url)), "..");
const A = "111122223333";
const NROLES = 5000, NUSERS = 2000, NPOL = 3000, NGROUPS = 50;
const services = ["s3", "dynamodb", "lambda", "sqs", "sns", "logs", "kms", "ec2", "iam", "sts"];
const verbs = ["Get*", "List*", "Describe*", "Put*", "Create*", "Delete*", "Update*"];
const doc = (stmts) => ({ Version: "2012-10-17", Statement: stmts });
const enc = (i, d) => (i % 10 === 0 ? encodeURIComponent(JSON.stringify(d)) : d);
const stmt = (i, k) => {
	const s = services[(i + k) % services.length];
	const st = {
		Sid: `S${k}`,
		Effect: (i + k) % 17 === 0 ? "Deny" : "Allow",
		Action: [`${s}:${verbs[i % verbs.length]}`, `${s}:${verbs[(i + k + 3) % verbs.length]}`],
		Resource: s === "s3" ? [`arn:aws:s3:::bucket-${i % 97}`, `arn:aws:s3:::bucket-${i % 97}/*`]
			: `arn:aws:${s}:*:${A}:*`,
	};
	if ((i + k) % 5 === 0)
		st.Condition = { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } };
	return st;
};
const managed = readFileSync(join(top, "policies/aws-managed.jsonl"), "utf8")
	.split("\n").filter(Boolean).map((l) => JSON.parse(l));
const attach = (i) => [0, 1, 2].map((k) => {
	if (k === 2 && i % 3 === 0) {
		const m = managed[(i * 7) % managed.length];
		return { PolicyName: m.arn.split("/").pop(), PolicyArn: m.arn };
	}
	const p = (i * 3 + k * 1013) % NPOL;
	return { PolicyName: `cmp-${p}`, PolicyArn: `arn:aws:iam::${A}:policy/team/cmp-${p}` };
});
const boundary = (i) => (i % 2 ? undefined : {
	PermissionsBoundaryType: "Policy",
	PermissionsBoundaryArn: `arn:aws:iam::${A}:policy/team/cmp-${(i * 11) % NPOL}`,
});
const users = [], roles = [], groups = [], policies = [];
for (let g = 0; g < NGROUPS; g++)
	groups.push({ Path: "/", GroupName: `group-${g}`, GroupId: `AGPA${g}`, Arn: `arn:aws:iam::${A}:group/group-${g}`,
		GroupPolicyList: [{ PolicyName: "inline", PolicyDocument: enc(g, doc([stmt(g, 0)])) }],
		AttachedManagedPolicies: attach(g + 7) });
for (let i = 0; i < NUSERS; i++)
	users.push({ Path: "/people/", UserName: `user-${i}`, UserId: `AIDA${i}`, Arn: `arn:aws:iam::${A}:user/people/user-${i}`,
		UserPolicyList: [{ PolicyName: "inline", PolicyDocument: enc(i, doc([stmt(i, 0), stmt(i, 1)])) }],
		GroupList: [`group-${i % NGROUPS}`, `group-${(i * 7) % NGROUPS}`].filter((v, k, a) => a.indexOf(v) === k),
		AttachedManagedPolicies: attach(i), PermissionsBoundary: boundary(i), Tags: [] });
for (let i = 0; i < NROLES; i++)
	roles.push({ Path: i % 50 === 0 ? "/aws-service-role/svc.amazonaws.com/" : "/app/", RoleName: `role-${i}`,
		RoleId: `AROA${i}`, Arn: `arn:aws:iam::${A}:role/${i % 50 === 0 ? "aws-service-role/svc.amazonaws.com" : "app"}/role-${i}`,
		AssumeRolePolicyDocument: enc(i, doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` },
			Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }])),
		InstanceProfileList: [], RolePolicyList: [{ PolicyName: "inline", PolicyDocument: enc(i, doc([stmt(i, 2)])) }],
		AttachedManagedPolicies: attach(i + 1), PermissionsBoundary: boundary(i + 1), Tags: [], RoleLastUsed: {} });
for (let p = 0; p < NPOL; p++)
	policies.push({ PolicyName: `cmp-${p}`, PolicyId: `ANPA${p}`, Arn: `arn:aws:iam::${A}:policy/team/cmp-${p}`, Path: "/team/",
		DefaultVersionId: "v2", AttachmentCount: 3, PermissionsBoundaryUsageCount: 1, IsAttachable: true,
		PolicyVersionList: [
			{ Document: enc(p, doc([stmt(p, 0), stmt(p, 1), stmt(p, 2), stmt(p, 3)])), VersionId: "v2", IsDefaultVersion: true },
			{ Document: enc(p + 1, doc([stmt(p, 4)])), VersionId: "v1", IsDefaultVersion: false }] });
for (const m of managed)
	policies.push({ PolicyName: m.arn.split("/").pop(), Arn: m.arn, Path: "/", DefaultVersionId: m.version,
		IsAttachable: true, PolicyVersionList: [{ Document: m.document, VersionId: m.version, IsDefaultVersion: true }] });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "snapshot.json"), JSON.stringify({
	UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies,
}, null, 2) + "\n");
const w = createWriteStream(join(out, "requests.jsonl"));
const acts = ["s3:GetObject", "dynamodb:GetItem", "lambda:InvokeFunction", "sqs:SendMessage", "iam:PassRole", "sts:AssumeRole"];
for (let r = 0; r < nreq; r++) {
	const u = r % 3 === 0;
	const i = u ? r % NUSERS : r % NROLES;
	const principal = u ? users[i].Arn : roles[i].Arn;
	const action = acts[r % acts.length];
	const resource = action === "s3:GetObject" ? `arn:aws:s3:::bucket-${r % 97}/k${r}`
		: action === "sts:AssumeRole" ? roles[(r * 13) % NROLES].Arn
		: `arn:aws:${action.split(":")[0]}:eu-west-1:${A}:thing-${r % 50}`;
	w.write(JSON.stringify({ id: r, account: "snapshot.json", principal, action, resource,
		region: r % 4 ? "eu-west-1" : "ap-south-1", context: { "aws:MultiFactorAuthPresent": r % 2 ? "true" : "false" } }) + "\n");
}
w.end();
