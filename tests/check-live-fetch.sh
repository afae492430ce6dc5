#!/bin/sh
# iamgate account fetch against the loopback stand-in for AWS
# (tests/live/standin.py, which recomputes every signature with botocore):
# the account fetched page by page (three items a page) is the stand-in's
# snapshot, documents decoded and each user's access keys listed, and
# decides every question as the original does (tests/live/requests.py);
# a throttled and a 503 page are asked again; AccessDenied stops with the
# call named; the progress line shows only on a terminal; the
# organization levels are read, and decide as tests/account/org.json
# does, or their absence is said; a principal fetched alone
# (tests/live/fetch_principal) decides as in the whole snapshot; no secret
# is written anywhere.  Skips (77) without python3 and botocore.  Nothing
# leaves 127.0.0.1.
set -u
: "${IAMGATE:?}"
src=${top_srcdir:-.}/tests
bin=$(dirname "$IAMGATE")
py=${PYTHON:-python3}
if ! command -v "$py" >/dev/null 2>&1 || ! "$py" -c 'import botocore' 2>/dev/null; then
	echo "skip: python3 with botocore is needed for the stand-in"
	exit 77
fi
for t in timeout script; do
	command -v $t >/dev/null 2>&1 || { echo "skip: $t is needed"; exit 77; }
done
work=$(mktemp -d) || exit 99
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home" AWS_EC2_METADATA_DISABLED=true AWS_MAX_ATTEMPTS=4
export AWS_CONFIG_FILE="$work/home/config" AWS_SHARED_CREDENTIALS_FILE="$work/home/credentials"
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
mkdir -p "$HOME"
: >"$AWS_CONFIG_FILE"
: >"$AWS_SHARED_CREDENTIALS_FILE"
snap=$src/account/workload-111122223333.json
fail=0
passed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; fail=1; }

# serve NAME VARIANT: a stand-in on the world of mkworld.py VARIANT; sets
# url and log
serve() {
	"$py" "$src/live/mkworld.py" "$src" "$work/$1.world" $2 || exit 99
	log=$work/$1.log
	timeout 300 "$py" "$src/live/standin.py" serve --world "$work/$1.world" \
		--port-file "$work/$1.port" --log "$log" --deadline 280 &
	pids="$pids $!"
	i=0
	while [ ! -s "$work/$1.port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$work/$1.port" ] || { echo "FAIL: the stand-in did not start"; exit 1; }
	url=http://127.0.0.1:$(cat "$work/$1.port")
}

# secret USER: the secret of USER's first key in the world; akid USER: its ID
secret() {
	"$py" -c 'import json,sys
u = json.load(open(sys.argv[1]))["users"]
print([v["secret"] for k, v in sorted(u.items()) if v["arn"].endswith("/" + sys.argv[2])][0])' \
		"$work/main.world" "$1"
}
akid() {
	"$py" -c 'import json,sys
u = json.load(open(sys.argv[1]))["users"]
print([k for k, v in sorted(u.items()) if v["arn"].endswith("/" + sys.argv[2])][0])' \
		"$work/main.world" "$1"
}

# fetch NAME USER ARGS...: iamgate account fetch at the current stand-in,
# with USER's keys in the environment
fetch() {
	name=$1
	user=$2
	shift 2
	AWS_ACCESS_KEY_ID=$(akid "$user") AWS_SECRET_ACCESS_KEY=$(secret "$user") \
	AWS_REGION=eu-west-1 AWS_ENDPOINT_URL=$url timeout 120 "$IAMGATE" account fetch "$@" \
		>"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.rc"
}

# count ACTION: the stand-in log's answered calls of ACTION (status 200)
count() {
	"$py" -c 'import json,sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l).get("action") == sys.argv[2]
      and json.loads(l).get("status") == int(sys.argv[3])))' "$log" "$1" "${2:-200}"
}

serve main ""

# ---- the whole account, page by page ----
fetch full alice --page-size 3 -o "$work/fetched.json"
if [ "$(cat "$work/full.rc")" = 0 ] && [ -s "$work/fetched.json" ]; then ok; else
	bad "account fetch: exit $(cat "$work/full.rc")"; cat "$work/full.err"; fi
"$py" "$src/live/compare-snapshot.py" "$work/fetched.json" "$snap" --world "$work/main.world" &&
	ok || bad "the fetched snapshot is not the stand-in's"
pages=$(count GetAccountAuthorizationDetails)
[ "$pages" -ge 4 ] && ok || bad "$pages GetAccountAuthorizationDetails pages, expected 14 items 3 a page"
[ "$(count ListAccessKeys)" = 3 ] && ok || bad "ListAccessKeys: $(count ListAccessKeys) calls for 3 users"
grep -q '"Marker"' "$log" && ok || bad "no page asked with a Marker"
grep -q "^iamgate: 3 users, 2 groups, 4 roles, 5 managed policies, 4 access keys ($pages pages) written to $work/fetched.json\$" \
	"$work/full.err" && ok || { bad "no summary line"; cat "$work/full.err"; }
grep -q 'fetching:' "$work/full.err" && bad "a progress line without a terminal" || ok
head -c 27 "$work/fetched.json" | grep -q '^{$' && sed -n 2p "$work/fetched.json" |
	grep -q '^    "UserDetailList": \[$' && ok || bad "not indented by 4 as the AWS CLI"

# to standard output, the same document
fetch stdout alice -q
cmp -s "$work/stdout.out" "$work/fetched.json" && ok || bad "-q to standard output differs from -o"
[ -s "$work/stdout.err" ] && bad "-q: $(cat "$work/stdout.err")" || ok

# --verbose: a line a call, no secret (checked at the end)
fetch verbose alice --verbose -o "$work/verbose.json"
grep -q 'GetAccountAuthorizationDetails' "$work/verbose.err" && grep -q 'ListAccessKeys' "$work/verbose.err" &&
	ok || { bad "--verbose says no calls"; cat "$work/verbose.err"; }

# ---- the fetched snapshot decides as the original ----
"$py" "$src/live/requests.py" "$snap" "$snap" >"$work/orig.jsonl"
"$py" "$src/live/requests.py" "$snap" "$work/fetched.json" >"$work/live.jsonl"
"$IAMGATE" evaluate --batch "$work/orig.jsonl" >"$work/orig.dec" 2>"$work/orig.dec.err"
"$IAMGATE" evaluate --batch "$work/live.jsonl" >"$work/live.dec" 2>"$work/live.dec.err"
if [ -s "$work/orig.dec" ] && cmp -s "$work/orig.dec" "$work/live.dec"; then ok; else
	bad "the fetched snapshot decides otherwise"; diff "$work/orig.dec" "$work/live.dec" | head; fi
for d in Allowed ImplicitlyDenied ExplicitlyDenied; do
	grep -q "\"$d\"" "$work/orig.dec" && ok || bad "no $d among the questions: the test proves little"
done
grep -q '"error"' "$work/live.dec" && bad "a question could not be decided: $(grep -m1 error "$work/live.dec")" || ok

# ---- throttled, then 503: asked again ----
serve fault fault
fetch fault alice --page-size 3 -q -o "$work/fault.json"
[ "$(cat "$work/fault.rc")" = 0 ] && ok || { bad "throttled page: exit $(cat "$work/fault.rc")"; cat "$work/fault.err"; }
[ "$(count GetAccountAuthorizationDetails 400)" = 1 ] && [ "$(count GetAccountAuthorizationDetails 503)" = 1 ] &&
	ok || bad "the stand-in's log shows no throttled and 503 page"
cmp -s "$work/fault.json" "$work/fetched.json" && ok || bad "the snapshot after retries differs"

# ---- AccessDenied: exit 1, the call named, nothing written ----
serve main ""
fetch denied carol -o "$work/denied.json"
[ "$(cat "$work/denied.rc")" = 1 ] && ok || bad "AccessDenied: exit $(cat "$work/denied.rc")"
grep -q 'iam:GetAccountAuthorizationDetails.*AccessDenied' "$work/denied.err" && ok ||
	{ bad "AccessDenied not said with the call"; cat "$work/denied.err"; }
[ -e "$work/denied.json" ] && bad "a snapshot written after AccessDenied" || ok
ls "$work" | grep -q 'denied.json.tmp' && bad "a temporary file left behind" || ok

# ---- a document that is not one: named with its entity (exit 3) ----
serve baddoc baddoc
fetch baddoc alice -o "$work/baddoc.json"
[ "$(cat "$work/baddoc.rc")" = 3 ] &&
	grep -q 'iam:GetAccountAuthorizationDetails: the PolicyDocument of policy read-reports of arn:aws:iam::111122223333:user/carol is not a JSON object' \
	"$work/baddoc.err" && [ ! -e "$work/baddoc.json" ] && ok ||
	{ bad "a document that is not JSON: exit $(cat "$work/baddoc.rc")"; cat "$work/baddoc.err"; }

# ---- AWS cannot be reached: exit 4 ----
AWS_ACCESS_KEY_ID=$(akid alice) AWS_SECRET_ACCESS_KEY=$(secret alice) AWS_MAX_ATTEMPTS=1 \
	AWS_ENDPOINT_URL=http://127.0.0.1:1 timeout 60 "$IAMGATE" account fetch -o "$work/nonet.json" >"$work/nonet.out" 2>"$work/nonet.err"
[ $? = 4 ] && grep -q 'iam:GetAccountAuthorizationDetails' "$work/nonet.err" && ok ||
	{ bad "no network: not exit 4 naming the call"; cat "$work/nonet.err"; }
serve main ""

# ---- the progress line: on a terminal only, and not with -q ----
AWS_ACCESS_KEY_ID=$(akid alice) AWS_SECRET_ACCESS_KEY=$(secret alice) \
	AWS_ENDPOINT_URL=$url timeout 120 script -qec \
	"'$IAMGATE' account fetch --page-size 3 -o '$work/tty.json'" "$work/tty.typescript" \
	>/dev/null 2>&1 </dev/null
grep -q "$(printf '\r')"'.*fetching: [0-9]* pages\{0,1\}, [0-9]* users' "$work/tty.typescript" && ok ||
	bad "no progress line on a terminal"
grep -q 'access keys of 3/3 users' "$work/tty.typescript" && ok || bad "no access-key progress"
grep -q 'written to' "$work/tty.typescript" && ok || bad "no summary on a terminal"
AWS_ACCESS_KEY_ID=$(akid alice) AWS_SECRET_ACCESS_KEY=$(secret alice) \
	AWS_ENDPOINT_URL=$url timeout 120 script -qec \
	"'$IAMGATE' account fetch -q -o '$work/ttyq.json'" "$work/ttyq.typescript" \
	>/dev/null 2>&1 </dev/null
grep -q 'fetching:\|written to' "$work/ttyq.typescript" && bad "-q on a terminal still talks" || ok
cmp -s "$work/tty.json" "$work/fetched.json" && ok || bad "the snapshot fetched on a terminal differs"

# ---- the organization levels ----
fetch org alice -q -o "$work/org-snap.json" --org-output "$work/org.json"
[ "$(cat "$work/org.rc")" = 0 ] && ok || { bad "--org-output: exit $(cat "$work/org.rc")"; cat "$work/org.err"; }
"$py" - "$work/org.json" <<'EOF' && ok || bad "the levels fetched are not the account's"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["accounts"] == {"111122223333": ["r-a1b2", "ou-a1b2-workloads", "111122223333"]}, o["accounts"]
assert sorted(o["targets"]) == ["111122223333", "ou-a1b2-workloads", "r-a1b2"]
for t in o["targets"].values():
    for p in t["scps"] + t["rcps"]:
        json.loads(p["Policy"]["Content"])
EOF
# each question once per region and transport, with each --org file
org_batch() {
	"$py" - "$work/orig.jsonl" "$1" <<'EOF'
import json, sys
for line in open(sys.argv[1]):
    q = json.loads(line)
    if q["action"] != "sts:AssumeRole":
        for region, tls in (("eu-west-1", "true"), ("us-west-2", "true"), ("eu-west-1", "false")):
            print(json.dumps(dict(q, region=region, org=sys.argv[2],
                                  context={"aws:SecureTransport": tls})))
EOF
}
org_batch "$src/account/org.json" >"$work/org-orig.jsonl"
org_batch "$work/org.json" >"$work/org-live.jsonl"
"$IAMGATE" evaluate --batch "$work/org-orig.jsonl" >"$work/org-orig.dec" 2>"$work/org-orig.dec.err"
"$IAMGATE" evaluate --batch "$work/org-live.jsonl" >"$work/org-live.dec" 2>"$work/org-live.dec.err"
if [ -s "$work/org-orig.dec" ] && cmp -s "$work/org-orig.dec" "$work/org-live.dec"; then ok; else
	bad "the levels fetched decide otherwise"; diff "$work/org-orig.dec" "$work/org-live.dec" | head; fi
grep -q '"error"' "$work/org-live.dec" && bad "a question with --org could not be decided" || ok
"$IAMGATE" evaluate organizations:LeaveOrganization '*' --account "$snap" --principal \
	arn:aws:iam::111122223333:user/admins/bob --org "$work/org.json" >"$work/leave.dec" 2>&1
grep -q '^ExplicitlyDenied' "$work/leave.dec" && ok || bad "the root's SCP does not deny: $(cat "$work/leave.dec")"

serve orgdeny orgdeny
fetch orgdeny alice -q -o "$work/orgdeny-snap.json" --org-output "$work/orgdeny.json"
[ "$(cat "$work/orgdeny.rc")" = 1 ] && ok || bad "Organizations refused: exit $(cat "$work/orgdeny.rc")"
grep -q 'cannot read the SCPs and RCPs of account 111122223333: organizations:.*AccessDenied' \
	"$work/orgdeny.err" && ok || { bad "the refusal is not said"; cat "$work/orgdeny.err"; }
[ -s "$work/orgdeny-snap.json" ] && [ ! -e "$work/orgdeny.json" ] && ok ||
	bad "a refused --org-output: the snapshot must be written, the levels not"

# SCPs disabled in the root: no SCP level binds (a level with none would deny all)
serve scpoff scpoff
fetch scpoff alice -q -o "$work/scpoff-snap.json" --org-output "$work/scpoff.json"
[ "$(cat "$work/scpoff.rc")" = 0 ] && ok || { bad "SCPs disabled: exit $(cat "$work/scpoff.rc")"; cat "$work/scpoff.err"; }
"$py" - "$work/scpoff.json" "$log" <<'EOF' && ok || bad "SCPs disabled: the levels fetched are not the root's"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["accounts"] == {"111122223333": ["r-a1b2", "ou-a1b2-workloads", "111122223333"]}, o["accounts"]
assert all("scps" not in t and "rcps" in t for t in o["targets"].values()), o["targets"]
assert [p["Policy"]["PolicySummary"]["Name"] for p in o["targets"]["r-a1b2"]["rcps"]] == \
    ["RCPFullAWSAccess", "S3TlsOnly"]
filters = {json.loads(l)["params"].get("Filter") for l in open(sys.argv[2])
           if json.loads(l).get("action") == "ListPoliciesForTarget"}
assert filters == {"RESOURCE_CONTROL_POLICY"}, filters
EOF
# the workloads OU's RegionGuard would deny us-west-2 (see the batch above)
"$IAMGATE" evaluate lambda:ListFunctions '*' --region us-west-2 --account "$snap" --principal \
	arn:aws:iam::111122223333:user/admins/bob --org "$work/scpoff.json" --explain >"$work/scpoff.dec" 2>&1
grep -q '^Allowed' "$work/scpoff.dec" && grep -q '^  scp  *not given' "$work/scpoff.dec" && ok ||
	bad "SCPs disabled still decide: $(cat "$work/scpoff.dec")"
# the same levels each with "scps": [] allow nothing
"$py" -c 'import json,sys
o = json.load(open(sys.argv[1]))
for t in o["targets"].values(): t["scps"] = []
json.dump(o, open(sys.argv[2], "w"))' "$work/scpoff.json" "$work/scpnone.json"
"$IAMGATE" evaluate iam:GetUser '*' --account "$snap" --principal \
	arn:aws:iam::111122223333:user/admins/bob --org "$work/scpnone.json" >"$work/scpnone.dec" 2>&1
grep -q '^ImplicitlyDenied' "$work/scpnone.dec" && ok || bad "\"scps\": [] allows: $(cat "$work/scpnone.dec")"

serve noorg noorg
fetch noorg alice -q -o "$work/noorg-snap.json" --org-output "$work/noorg.json"
[ "$(cat "$work/noorg.rc")" = 1 ] && grep -q 'not in an organization' "$work/noorg.err" && ok ||
	{ bad "no organization: exit $(cat "$work/noorg.rc")"; cat "$work/noorg.err"; }

# ---- one principal at a time (the --live fetch) ----
serve main ""
alice_secret=$(secret alice)
# principals NAME ARGS...: tests/live/fetch_principal with alice's keys
principals() {
	name=$1
	shift
	AWS_ENDPOINT_URL=$url AWS_ACCESS_KEY_ID=AKIAFETCHALICE000001 AWS_SECRET_ACCESS_KEY=$alice_secret \
		timeout 120 "$bin/tests/live/fetch_principal" "$@" >"$work/$name.json" 2>"$work/$name.err"
	echo $? >"$work/$name.rc"
}
principals fragment arn:aws:iam::111122223333:user/admins/bob arn:aws:iam::111122223333:user/alice \
	arn:aws:sts::111122223333:assumed-role/amplify-deployer/s1 \
	arn:aws:iam::111122223333:role/service-role/app-lambda
[ "$(cat "$work/fragment.rc")" = 0 ] && ok || { bad "fetch_principal failed"; cat "$work/fragment.err"; }
principals nobody arn:aws:iam::111122223333:user/nobody --policy arn:aws:iam::111122223333:policy/DevAccess
[ "$(cat "$work/nobody.rc")" = 1 ] && grep -q 'user/nobody: no such entity' "$work/nobody.err" &&
	"$py" -c 'import json,sys; s=json.load(open(sys.argv[1]))
assert [p["Arn"] for p in s["Policies"]] == ["arn:aws:iam::111122223333:policy/DevAccess"], s
assert s["Policies"][0]["PolicyVersionList"][0]["IsDefaultVersion"] is True
assert not s["UserDetailList"]' "$work/nobody.json" && ok ||
	{ bad "a user that does not exist, then a policy: exit $(cat "$work/nobody.rc")"; cat "$work/nobody.err"; }
"$py" - "$snap" "$work/fragment.json" <<'EOF' && ok || bad "the fragment's entities are not those the principals name"
import json, sys
s, f = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
got = {k: sorted(e["Arn"] for e in f[k]) for k in f}
named = set()
for k in ("UserDetailList", "RoleDetailList", "GroupDetailList"):
    for e in f[k]:
        named |= {m["PolicyArn"] for m in e.get("AttachedManagedPolicies", [])}
        named |= {e.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn")} - {None}
want_pol = sorted(a for a in named if ":aws:policy/" not in a)
assert got["Policies"] == want_pol, (got["Policies"], want_pol)
assert len(got["UserDetailList"]) == 2 and len(got["RoleDetailList"]) == 2, got
assert got["GroupDetailList"] == sorted({
    "arn:aws:iam::111122223333:group/" + g for u in s["UserDetailList"]
    if u["UserName"] in ("alice", "bob") for g in u["GroupList"]}), got
EOF
"$py" - "$work/orig.jsonl" "$work/fragment.json" "$snap" <<'EOF' >"$work/frag.jsonl"
import json, sys
keep = ("user/admins/bob", "user/alice", "role/deploy/amplify-deployer", "role/service-role/app-lambda")
for line in open(sys.argv[1]):
    q = json.loads(line)
    if q["principal"].endswith(keep) and q["action"] != "sts:AssumeRole":
        q["account"] = sys.argv[2]
        print(json.dumps(q))
EOF
sed "s|\"account\": \"$work/fragment.json\"|\"account\": \"$snap\"|" "$work/frag.jsonl" >"$work/frag-orig.jsonl"
"$IAMGATE" evaluate --batch "$work/frag.jsonl" >"$work/frag.dec" 2>&1
"$IAMGATE" evaluate --batch "$work/frag-orig.jsonl" >"$work/frag-orig.dec" 2>&1
if [ -s "$work/frag.dec" ] && cmp -s "$work/frag.dec" "$work/frag-orig.dec"; then ok; else
	bad "the fetched principals decide otherwise"; diff "$work/frag-orig.dec" "$work/frag.dec" | head; fi

# ---- no secret anywhere ----
"$py" -c 'import json,sys; print("\n".join(v["secret"] for v in json.load(open(sys.argv[1]))["users"].values()))' \
	"$work/main.world" >"$work/secrets"
found=$(cd "$work" && grep -l -F -f secrets -- *.out *.err *.json *.typescript 2>/dev/null)
[ -z "$found" ] && ok || bad "a secret in: $found"
grep -l 'SecretAccessKey\|SessionToken' "$work"/*.json && bad "a secret's member in a file written" || ok

[ $fail = 0 ] && echo "$passed passed, 0 failed"
exit $fail
