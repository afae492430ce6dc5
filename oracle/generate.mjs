#!/usr/bin/env node
// Differential-testing data set generator for iamgate.
//
// Generates a deterministic (fixed-seed) set of IAM authorization requests,
// asks @cloud-copilot/iam-simulate (an independent implementation, used only
// as an external program through its public API -- it is AGPL-3.0 and is
// never copied or vendored here) for the decision of each, and writes
// ../tests/diff/cases.jsonl in iamgate's `evaluate --batch` format.
//
// Where iam-simulate is known to disagree with AWS's documented behaviour
// (docs/iam-semantics.md section 10 and a few more found while building this
// set), ordinary cases steer clear of the area, and a small deliberate set of
// cases carries AWS's answer in "expect" with a "note" saying what the oracle
// says and why it is wrong.
//
// Usage: cd oracle && npm install && node generate.mjs [--out FILE] [--seed N]

import { runSimulation } from '@cloud-copilot/iam-simulate'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const argVal = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt
}
const OUT = resolve(HERE, argVal('--out', '../tests/diff/cases.jsonl'))
// requests with no decision (AWS rejects the policy): tests/diff/invalid.jsonl, which
// tests/run-batch.sh requires to be rejected line by line
const OUT_INVALID = resolve(HERE, argVal('--out-invalid', '../tests/diff/invalid.jsonl'))
const SEED = Number(argVal('--seed', '20240917'))
const ORACLE_VERSION = JSON.parse(
  readFileSync(resolve(HERE, 'node_modules/@cloud-copilot/iam-simulate/package.json'), 'utf8')
).version

// ---------------------------------------------------------------- PRNG
function mulberry32(seed) {
  let a = seed >>> 0
  return function () {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rnd = mulberry32(SEED)
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1))
const pick = (arr) => arr[Math.floor(rnd() * arr.length)]
const chance = (p) => rnd() < p
function sample(arr, k) {
  const a = [...arr]
  const out = []
  while (out.length < k && a.length) out.push(a.splice(Math.floor(rnd() * a.length), 1)[0])
  return out
}
const clone = (x) => JSON.parse(JSON.stringify(x))

// ---------------------------------------------------------------- accounts, principals
const A = '111122223333' // the caller's account
const B = '444455556666' // another account (cross-account resources)
const C = '777788889999' // a third account (never the caller)
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1']

function makePrincipal(kind, acct = A) {
  const user = pick(['alice', 'bob', 'carol'])
  const role = pick(['deploy', 'app-role', 'Admin'])
  const sess = pick(['s1', 'build-42', 'alice@example.com'])
  const roleArn = `arn:aws:iam::${acct}:role/${role}`
  switch (kind) {
    case 'user':
      return { kind, arn: `arn:aws:iam::${acct}:user/${user}`, name: user, acct,
        derived: { 'aws:PrincipalArn': `arn:aws:iam::${acct}:user/${user}`, 'aws:PrincipalAccount': acct, 'aws:PrincipalType': 'User', 'aws:username': user } }
    case 'user-path':
      return { kind, arn: `arn:aws:iam::${acct}:user/eng/${user}`, name: user, acct,
        derived: { 'aws:PrincipalArn': `arn:aws:iam::${acct}:user/eng/${user}`, 'aws:PrincipalAccount': acct, 'aws:PrincipalType': 'User', 'aws:username': user } }
    case 'assumed-role':
      return { kind, arn: `arn:aws:sts::${acct}:assumed-role/${role}/${sess}`, roleArn, role, sess, acct,
        derived: { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': acct, 'aws:PrincipalType': 'AssumedRole' } }
    case 'role':
      return { kind, arn: roleArn, roleArn, role, acct,
        derived: { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': acct, 'aws:PrincipalType': 'AssumedRole' } }
    case 'federated-user':
      return { kind, arn: `arn:aws:sts::${acct}:federated-user/${user}`, name: user, acct,
        derived: { 'aws:PrincipalArn': `arn:aws:sts::${acct}:federated-user/${user}`, 'aws:PrincipalAccount': acct, 'aws:PrincipalType': 'FederatedUser' } }
    case 'root':
      return { kind, arn: `arn:aws:iam::${acct}:root`, acct,
        derived: { 'aws:PrincipalArn': `arn:aws:iam::${acct}:root`, 'aws:PrincipalAccount': acct, 'aws:PrincipalType': 'Account' } }
  }
  throw new Error(kind)
}
const randomPrincipalKind = () => pick(['user', 'user', 'user-path', 'assumed-role', 'assumed-role', 'role'])

// ---------------------------------------------------------------- services and resources
// typePrefix: the literal resource-type part of the resource field (never wildcarded
// in ordinary cases, see section 10 "wildcard inside the resource-type prefix").
const SERVICES = {
  sqs: { actions: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes', 'PurgeQueue'],
    make: (acct, region) => ({ arn: `arn:aws:sqs:${region}:${acct}:${pick(['orders', 'orders-dlq', 'billing', 'alice-inbox'])}`, typePrefix: '' }), rcp: true },
  sns: { actions: ['Publish', 'Subscribe', 'GetTopicAttributes'],
    make: (acct, region) => ({ arn: `arn:aws:sns:${region}:${acct}:${pick(['alerts', 'alerts-prod', 'billing-events'])}`, typePrefix: '' }) },
  dynamodb: { actions: ['GetItem', 'PutItem', 'DeleteItem', 'UpdateItem', 'BatchGetItem'],
    make: (acct, region) => ({ arn: `arn:aws:dynamodb:${region}:${acct}:table/${pick(['Orders', 'OrdersArchive', 'Users', 'alice-data'])}`, typePrefix: 'table/' }) },
  lambda: { actions: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode'],
    make: (acct, region) => ({ arn: `arn:aws:lambda:${region}:${acct}:function:${pick(['resize-image', 'resize-video', 'billing-job', 'alice-fn'])}`, typePrefix: 'function:' }) },
  secretsmanager: { actions: ['GetSecretValue', 'DescribeSecret', 'PutSecretValue'],
    make: (acct, region) => ({ arn: `arn:aws:secretsmanager:${region}:${acct}:secret:${pick(['db-pass', 'prod/db-pass', 'api-key', 'alice-token'])}-${pick(['AbCdEf', 'x1Y2z3'])}`, typePrefix: 'secret:' }), rcp: true },
  s3: { actions: ['GetObject', 'PutObject', 'DeleteObject'],
    make: () => ({ arn: `arn:aws:s3:::${pick(['corp-data', 'corp-logs', 'alice-home'])}/${pick(['report.csv', 'a/b/c.txt', 'home/alice/notes.txt', 'public/index.html', 'x'])}`, typePrefix: '', s3: true }), rcp: true },
  s3bucket: { svc: 's3', actions: ['ListBucket'],
    make: () => ({ arn: `arn:aws:s3:::${pick(['corp-data', 'corp-logs', 'alice-home'])}`, typePrefix: '', s3: true }), rcp: true },
}
const WILDCARD_ONLY = ['ec2:DescribeInstances', 'ec2:DescribeVpcs', 'sqs:ListQueues', 's3:ListAllMyBuckets', 'dynamodb:ListTables', 'lambda:ListFunctions']
const OTHER_ACTIONS = ['sns:Publish', 'sqs:SendMessage', 'dynamodb:GetItem', 's3:GetObject', 'lambda:InvokeFunction', 'ec2:RunInstances', 'iam:PassRole', 'kms:Decrypt', 'secretsmanager:GetSecretValue', 'logs:PutLogEvents']

function makeTarget(svcKey, acct, opts = {}) {
  const s = SERVICES[svcKey]
  const region = opts.region || pick(REGIONS)
  const r = s.make(acct, region)
  const svc = s.svc || svcKey
  const action = `${svc}:${pick(s.actions)}`
  return { svcKey, svc, action, resource: r.arn, typePrefix: r.typePrefix, s3: !!r.s3, resourceAccount: acct, region }
}
const randomSvc = (rcpOnly = false) => pick(Object.keys(SERVICES).filter((k) => !rcpOnly || SERVICES[k].rcp))

function splitArn(arn) {
  const p = arn.split(':')
  return { partition: p[1], service: p[2], region: p[3], account: p[4], rest: p.slice(5).join(':') }
}
const joinArn = (o) => `arn:${o.partition}:${o.service}:${o.region}:${o.account}:${o.rest}`

// ---- action patterns
function caseVary(s) {
  const m = int(0, 3)
  if (m === 0) return s.toLowerCase()
  if (m === 1) return s.toUpperCase()
  return [...s].map((c) => (chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('')
}
function matchingActionPattern(action) {
  const [svc, name] = action.split(':')
  const k = int(1, Math.max(1, name.length - 1))
  const i = int(0, name.length - 1)
  return pick([
    action,
    action,
    `${svc}:*`,
    '*',
    `${svc}:${name.slice(0, k)}*`,
    `${svc}:*${name.slice(k)}`,
    `${svc}:${name.slice(0, i)}?${name.slice(i + 1)}`,
    `${svc}:${caseVary(name)}`,
    `${caseVary(svc)}:${name}`,
    `${svc}:${name.slice(0, k).toLowerCase()}*`,
    `${svc}:*${name.slice(k, k + 1)}*`,
  ])
}
function nonMatchingActionPattern(action) {
  const [svc, name] = action.split(':')
  const k = int(1, Math.max(1, name.length - 1))
  const others = Object.values(SERVICES).filter((s) => (s.svc || '') !== svc).flatMap((s) => s.actions)
  const sameSvc = (Object.entries(SERVICES).find(([k2, s]) => (s.svc || k2) === svc)?.[1].actions || []).filter((a) => a !== name)
  return pick([
    pick(OTHER_ACTIONS.filter((a) => a !== action)),
    sameSvc.length ? `${svc}:${pick(sameSvc)}` : `${svc}:${name}X`,
    `${svc}:${name}?`,
    `${svc}:${name}s`,
    `${svc}:${name.slice(0, k)}`,
    `${svc}:?${name}`,
    `${svc === 'sns' ? 'sqs' : 'sns'}:*`,
    `${svc}:${name.slice(0, k)}X*`,
    `${svc}:List*`,
    `${svc}x:${name}`,
    `${pick(['sns', 'sqs', 'ec2', 'iam'])}:${pick(others)}`,
  ])
}

// ---- resource patterns (never a wildcard inside the type prefix)
function idWild(id) {
  // id: the part after the type prefix (for S3: bucket/key)
  const k = int(1, Math.max(1, id.length - 1))
  const i = int(0, id.length - 1)
  return pick([
    `${id.slice(0, k)}*`,
    `*${id.slice(k)}`,
    `${id.slice(0, i)}?${id.slice(i + 1)}`,
    `${id}*`,
    `${id.slice(0, k)}*${id.slice(Math.min(id.length, k + int(0, 3)))}`,
    '*',
    `*${id.slice(i, i + 1)}*`,
  ])
}
function matchingResourcePattern(t) {
  const a = splitArn(t.resource)
  const id = a.rest.slice(t.typePrefix.length)
  const m = int(0, 9)
  if (m === 0) return t.resource
  if (m === 1) return '*'
  if (m === 2) return joinArn({ ...a, region: t.s3 ? '' : '*' })
  if (m === 3) return joinArn({ ...a, account: t.s3 ? '' : '*' })
  if (m === 4 && !t.s3) return joinArn({ ...a, region: '*', account: '*', rest: t.typePrefix + '*' })
  if (m === 5 && !t.s3) return joinArn({ ...a, account: a.account.slice(0, 11) + '?' })
  if (m === 6 && !t.s3) return joinArn({ ...a, region: a.region.slice(0, 3) + '*' })
  return joinArn({ ...a, rest: t.typePrefix + idWild(id) })
}
function nonMatchingResourcePattern(t) {
  const a = splitArn(t.resource)
  const id = a.rest.slice(t.typePrefix.length)
  const m = int(0, 9)
  const up = id[0] === id[0].toUpperCase() ? id[0].toLowerCase() + id.slice(1) : id[0].toUpperCase() + id.slice(1)
  if (m === 0) return joinArn({ ...a, rest: t.typePrefix + up }) // ARNs are case-sensitive
  if (m === 1 && !t.s3) return joinArn({ ...a, account: a.account === B ? C : B })
  if (m === 2 && !t.s3) return joinArn({ ...a, region: REGIONS.find((r) => r !== a.region) })
  if (m === 3) return joinArn({ ...a, rest: t.typePrefix + id.slice(0, Math.max(1, id.length - 2)) }) // prefix, no wildcard
  if (m === 4) return joinArn({ ...a, rest: t.typePrefix + id + '?' })
  if (m === 5) return joinArn({ ...a, rest: t.typePrefix + id + '/*' })
  if (m === 6) return joinArn({ ...a, rest: t.typePrefix + 'zz' + id.slice(1) + '*' })
  if (m === 7 && !t.s3) return joinArn({ ...a, service: a.service === 'sns' ? 'sqs' : 'sns' })
  if (m === 8) return joinArn({ ...a, rest: t.typePrefix + '?' + id })
  return joinArn({ ...a, rest: t.typePrefix + 'other-' + id.slice(0, 3) + '*' })
}
const resPattern = (t, wantMatch) => (wantMatch ? matchingResourcePattern(t) : nonMatchingResourcePattern(t))
const actPattern = (action, wantMatch) => (wantMatch ? matchingActionPattern(action) : nonMatchingActionPattern(action))
function listOrOne(arr) {
  return arr.length === 1 && chance(0.6) ? arr[0] : arr
}

// ---------------------------------------------------------------- condition catalogue
const STRING_KEYS = [
  { key: 'aws:PrincipalTag/team', pool: ['dev', 'ops', 'qa', 'data-eng', 'Dev', 'DEV', 'platform'] },
  { key: 'aws:PrincipalTag/CostCenter', pool: ['1234', '5678', 'cc-9', 'CC-9'] },
  { key: 'aws:RequestTag/env', pool: ['prod', 'staging', 'dev', 'Prod', 'prod-eu'] },
  { key: 'aws:ResourceTag/owner', pool: ['alice', 'bob', 'carol', 'Alice'], noS3: true },
  { key: 'aws:RequestedRegion', pool: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'] },
  { key: 'aws:PrincipalOrgID', pool: ['o-a1b2c3d4e5', 'o-zzzzzzzzzz', 'o-A1B2C3D4E5'] },
  { key: 'aws:SourceVpc', pool: ['vpc-1a2b3c4d', 'vpc-0000aaaa', 'vpc-1A2B3C4D'] },
  { key: 'aws:SourceVpce', pool: ['vpce-11aa22bb', 'vpce-33cc44dd'] },
  { key: 'aws:UserAgent', pool: ['aws-cli/2.15.0 Python/3.11', 'Boto3/1.34.0', 'aws-sdk-js/3.5', 'Mozilla/5.0'] },
  { key: 'aws:CalledViaFirst', pool: ['cloudformation.amazonaws.com', 'athena.amazonaws.com'] },
  { key: 'aws:SourceAccount', pool: [A, B, C] },
  { key: 'aws:referer', pool: ['https://example.com/app', 'https://evil.example.net/', 'http://example.com/'] },
]
// keys whose value is derived from the principal (value fixed by the principal)
const DERIVED_KEYS = ['aws:PrincipalAccount', 'aws:username', 'aws:PrincipalType', 'aws:PrincipalArn']
const DERIVED_POOLS = {
  'aws:PrincipalAccount': [A, B, C],
  'aws:username': ['alice', 'bob', 'carol', 'Alice'],
  'aws:PrincipalType': ['User', 'AssumedRole', 'FederatedUser', 'user', 'Account'],
  'aws:PrincipalArn': [`arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${A}:role/deploy`, `arn:aws:iam::${A}:user/eng/bob`, `arn:aws:iam::${B}:role/deploy`, `arn:aws:iam::${A}:root`],
}
const MULTI_KEYS = [
  { key: 'aws:TagKeys', pool: ['env', 'owner', 'Owner', 'project', 'cost-center', 'Name'] },
  { key: 'aws:PrincipalOrgPaths', pool: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/', 'o-a1b2c3d4e5/r-ab12/', 'o-zzzzzzzzzz/r-cd34/'] },
  { key: 'aws:CalledVia', pool: ['cloudformation.amazonaws.com', 'athena.amazonaws.com', 'dynamodb.amazonaws.com', 'kms.amazonaws.com'] },
  { key: 'aws:PrincipalServiceNamesList', pool: ['ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] },
]
const NUMERIC_KEYS = [
  { key: 'aws:MultiFactorAuthAge', pool: ['0', '30', '299', '300', '301', '3600', '86400', '12.5', '3600.0'] },
  { key: 'aws:EpochTime', pool: ['1700000000', '1714564800', '1714564801', '1750000000'] },
]
// Dates: ISO forms only for CurrentTime/TokenIssueTime, epoch only for EpochTime
// (iam-simulate mixes seconds and milliseconds when formats are mixed).
const ISO_INSTANTS = [
  ['2024-05-01T12:00:00Z', '2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00.000Z'],
  ['2024-05-01T00:00:00Z', '2024-05-01'],
  ['2024-06-01T00:00:00Z', '2024-06-01', '2024-05-31T20:00:00-04:00'],
  ['2023-12-31T23:59:59Z'],
  ['2025-01-15T08:30:00Z', '2025-01-15T09:30:00+01:00'],
  ['2024-05-01T12:00:01Z'],
]
const DATE_KEYS = [
  { key: 'aws:CurrentTime', iso: true },
  { key: 'aws:TokenIssueTime', iso: true },
  { key: 'aws:EpochTime', iso: false, pool: ['1700000000', '1714564800', '1714564801', '1717200000', '1750000000'] },
]
const BOOL_KEYS = ['aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:ViaAWSService', 'aws:PrincipalIsAWSService']
const IP_KEYS = ['aws:SourceIp', 'aws:VpcSourceIp']
// (no /0 prefix: iam-simulate computes the IPv4 mask with a 32-bit shift, so 0.0.0.0/0 acts as /32)
const IP_POLICY = ['10.0.0.0/8', '10.1.2.0/24', '192.168.1.0/24', '203.0.113.0/24', '203.0.113.7/32', '198.51.100.4', '128.0.0.0/1',
  '2001:db8::/32', '2001:db8:1234::/48', '::1/128', 'fe80::/10', '2600:1f18:aaaa::/56']
const IP_REQUEST = ['10.1.2.3', '10.200.0.1', '192.168.1.77', '192.168.2.1', '203.0.113.7', '203.0.113.8', '198.51.100.4', '198.51.100.5', '8.8.8.8',
  '2001:db8::1', '2001:db8:1234:5678::9', '2001:db9::1', '::1', 'fe80::1', '2600:1f18:aaaa:ff::10']
const ARN_SOURCE_VALUES = [`arn:aws:sns:us-east-1:${A}:alerts`, 'arn:aws:s3:::corp-data', `arn:aws:lambda:us-west-2:${B}:function:resize-image`,
  `arn:aws:sqs:us-east-1:${A}:orders`, `arn:aws:cloudtrail:us-east-1:${A}:trail/main`, `arn:aws:sns:eu-west-1:${C}:alerts`]
const BINARY_POOL = ['QUJDRA==', 'QUJDRQ==', 'aGVsbG8=', 'aGVsbG8gd29ybGQ=', 'AAECAw==']
const BINARY_KEY = 'aws:PrincipalTag/certHash'

function globOf(v) {
  // a StringLike/ArnLike-ish pattern that matches v
  if (!v.length) return '*'
  const k = int(1, Math.max(1, v.length - 1))
  const i = int(0, v.length - 1)
  return pick([`${v.slice(0, k)}*`, `*${v.slice(k)}`, `${v.slice(0, i)}?${v.slice(i + 1)}`, '*', v, `${v.slice(0, k)}*${v.slice(k + 1)}`])
}
function nonGlobOf(v) {
  const k = int(1, Math.max(1, v.length - 1))
  return pick([`${v}?`, `x${v.slice(1)}*`, `${v.slice(0, k)}`, `*${v}x`, `?${v}`])
}
function caseVariant(v) {
  const u = v.toUpperCase()
  return u !== v ? u : v.toLowerCase()
}
function arnGlob(v) {
  // field-wise ARN pattern matching v (wildcards never need to cross ':')
  const a = splitArn(v)
  const m = int(0, 5)
  if (m === 0) return v
  if (m === 1) return joinArn({ ...a, region: '*', account: '*' })
  if (m === 2) return joinArn({ ...a, rest: a.rest.length > 2 ? a.rest.slice(0, 2) + '*' : '*' })
  if (m === 3) return joinArn({ ...a, service: a.service.slice(0, 1) + '*', region: a.region ? '*' : '' })
  if (m === 4) return joinArn({ ...a, account: a.account ? a.account.slice(0, 11) + '?' : '' })
  return joinArn({ ...a, rest: '*' })
}
function arnNonGlob(v) {
  const a = splitArn(v)
  const m = int(0, 4)
  if (m === 0) return joinArn({ ...a, account: a.account === C ? B : C })
  if (m === 1) return joinArn({ ...a, service: a.service === 'sns' ? 'sqs' : 'sns' })
  if (m === 2) return joinArn({ ...a, rest: a.rest + 'x' })
  if (m === 3) return joinArn({ ...a, region: a.region ? 'ap-south-1' : 'us-east-1' })
  return joinArn({ ...a, rest: a.rest.toUpperCase() === a.rest ? a.rest.toLowerCase() : a.rest.toUpperCase() })
}

const STRING_OPS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike']
const NUMERIC_OPS = ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals']
const DATE_OPS = ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals']
const ARN_OPS = ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike']
const IP_OPS = ['IpAddress', 'NotIpAddress']
const BASE_OPS = [...STRING_OPS, ...NUMERIC_OPS, ...DATE_OPS, 'Bool', 'BinaryEquals', ...IP_OPS, ...ARN_OPS]
// every condition-operator variant the generator cycles through
const OP_VARIANTS = [
  ...BASE_OPS.map((o) => ({ base: o })),
  ...BASE_OPS.map((o) => ({ base: o, ifExists: true })),
  ...STRING_OPS.map((o) => ({ base: o, set: 'ForAnyValue' })),
  ...STRING_OPS.map((o) => ({ base: o, set: 'ForAllValues' })),
  { base: 'NumericLessThan', set: 'ForAnyValue' },
  { base: 'ArnLike', set: 'ForAnyValue', multiArn: true },
  { base: 'Null' },
]
const opName = (v) => `${v.set ? v.set + ':' : ''}${v.base}${v.ifExists ? 'IfExists' : ''}`

// Build one condition: returns {op, key, values (array), ctx: {key: value} | {} (absent)}
function buildCondition(variant, principal, target, opts = {}) {
  const absentP = opts.absentP ?? (variant.ifExists ? 0.35 : 0.18)
  const base = variant.base
  let key, reqVal, values
  const absent = chance(absentP)
  const mix = (matchVals, otherVals, n) => {
    // choose n policy values: include a "matching" one with prob ~0.55
    const out = []
    if (matchVals.length && chance(0.55)) out.push(pick(matchVals))
    while (out.length < n) {
      const v = otherVals.length && chance(0.7) ? pick(otherVals) : matchVals.length ? pick(matchVals) : pick(otherVals)
      if (!out.includes(v)) out.push(v)
      else if (otherVals.length + matchVals.length <= out.length) break
      else if (chance(0.3)) break
    }
    return sample(out, out.length)
  }
  const nvals = () => pick([1, 1, 1, 2, 2, 3])

  if (variant.set) {
    if (variant.multiArn) {
      key = 'aws:SourceArn'
      reqVal = absent ? undefined : [pick(ARN_SOURCE_VALUES)]
      const v0 = reqVal ? reqVal[0] : pick(ARN_SOURCE_VALUES)
      values = mix([arnGlob(v0)], [arnNonGlob(v0), pick(ARN_SOURCE_VALUES)], nvals())
      return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal[0] } }
    }
    if (base === 'NumericLessThan') {
      const k = NUMERIC_KEYS[0]
      key = k.key
      reqVal = absent ? undefined : pick(k.pool)
      values = [pick(['300', '3600', '60'])]
      return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
    }
    // set operators: multivalued keys (mostly) or a single-valued key as a one-element set
    const useMulti = chance(0.8)
    if (useMulti) {
      const k = pick(MULTI_KEYS)
      key = k.key
      const n = pick([1, 1, 2, 2, 3, 0])
      reqVal = absent ? undefined : sample(k.pool, n)
      const src = reqVal && reqVal.length ? reqVal : k.pool
      const matchVals = base.includes('Like') ? src.map(globOf) : base.includes('IgnoreCase') ? src.map(caseVariant) : [...src]
      const other = k.pool.filter((x) => !(reqVal || []).includes(x))
      values = mix(matchVals, base.includes('Like') ? other.map((o) => (chance(0.5) ? o : nonGlobOf(o))) : other, nvals())
      if (!values.length) values = [pick(k.pool)]
      return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
    }
    const k = pick(STRING_KEYS.filter((x) => !(x.noS3 && target.s3)))
    key = k.key
    reqVal = absent ? undefined : pick(k.pool)
    const v0 = reqVal ?? pick(k.pool)
    const matchVals = base.includes('Like') ? [globOf(v0)] : base.includes('IgnoreCase') ? [caseVariant(v0)] : [v0]
    values = mix(matchVals, k.pool.filter((x) => x !== v0), nvals())
    return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
  }

  if (STRING_OPS.includes(base)) {
    const derived = chance(0.25)
    if (derived) {
      key = pick(['aws:PrincipalAccount', 'aws:username', 'aws:PrincipalType', 'aws:PrincipalArn'])
      reqVal = principal.derived[key] // may be undefined (aws:username for roles): absent
      const v0 = reqVal ?? pick(DERIVED_POOLS[key])
      const matchVals = base.includes('Like') ? [globOf(v0)] : base.includes('IgnoreCase') ? [caseVariant(v0), v0] : [v0]
      values = mix(matchVals, DERIVED_POOLS[key].filter((x) => x !== v0), nvals())
      return { op: opName(variant), key, values, ctx: {}, derived: true }
    }
    const k = pick(STRING_KEYS.filter((x) => !(x.noS3 && target.s3)))
    key = chance(0.15) ? caseVary(k.key.split('/')[0]) + (k.key.includes('/') ? '/' + k.key.split('/')[1] : '') : k.key
    reqVal = absent ? undefined : pick(k.pool)
    const v0 = reqVal ?? pick(k.pool)
    const matchVals = base.includes('Like') ? [globOf(v0)] : base.includes('IgnoreCase') ? [caseVariant(v0), v0] : [v0]
    const other = base.includes('Like') ? [...k.pool.filter((x) => x !== v0), nonGlobOf(v0)] : k.pool.filter((x) => x !== v0)
    values = mix(matchVals, other, nvals())
    return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [k.key]: reqVal } }
  }
  if (NUMERIC_OPS.includes(base)) {
    const k = pick(NUMERIC_KEYS)
    key = k.key
    reqVal = absent ? undefined : pick(k.pool.filter((x) => !x.includes('.') || k.key !== 'aws:EpochTime'))
    values = sample(k.pool, pick([1, 1, 2]))
    // unquoted JSON numbers sometimes
    values = values.map((v) => (chance(0.3) && !v.endsWith('.0') ? Number(v) : v))
    return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
  }
  if (DATE_OPS.includes(base)) {
    const k = pick(DATE_KEYS)
    key = k.key
    if (k.iso) {
      const inst = pick(ISO_INSTANTS)
      reqVal = absent ? undefined : pick(inst.filter((x) => x.includes('T')))
      const pv = [chance(0.5) ? pick(inst) : pick(pick(ISO_INSTANTS))]
      if (chance(0.2)) pv.push(pick(pick(ISO_INSTANTS)))
      values = [...new Set(pv)]
    } else {
      reqVal = absent ? undefined : pick(k.pool)
      values = sample(k.pool, pick([1, 1, 2]))
    }
    return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
  }
  if (base === 'Bool') {
    key = pick(BOOL_KEYS)
    reqVal = absent ? undefined : pick(['true', 'false'])
    const v = pick(['true', 'false'])
    values = [chance(0.3) ? v === 'true' : v]
    return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
  }
  if (base === 'BinaryEquals') {
    key = BINARY_KEY
    reqVal = absent ? undefined : pick(BINARY_POOL)
    values = mix(reqVal ? [reqVal] : [], BINARY_POOL.filter((x) => x !== reqVal), pick([1, 1, 2]))
    if (!values.length) values = [pick(BINARY_POOL)]
    return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
  }
  if (IP_OPS.includes(base)) {
    key = pick(IP_KEYS)
    reqVal = absent ? undefined : pick(IP_REQUEST)
    // a bare IPv4 address against an IPv6 request value: iam-simulate's NotIpAddress
    // says false there (AWS: the address is not in the set, so true); avoid
    const pool = reqVal && reqVal.includes(':') ? IP_POLICY.filter((x) => x.includes('/') || x.includes(':')) : IP_POLICY
    values = sample(pool, pick([1, 1, 2, 3]))
    return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
  }
  if (ARN_OPS.includes(base)) {
    if (chance(0.4)) {
      key = 'aws:PrincipalArn'
      const v0 = principal.derived[key]
      values = mix([arnGlob(v0)], [arnNonGlob(v0), pick(DERIVED_POOLS[key])].filter((x) => x !== v0), nvals())
      return { op: opName(variant), key, values, ctx: {}, derived: true }
    }
    key = 'aws:SourceArn'
    reqVal = absent ? undefined : pick(ARN_SOURCE_VALUES)
    const v0 = reqVal ?? pick(ARN_SOURCE_VALUES)
    values = mix([arnGlob(v0)], [arnNonGlob(v0), ...ARN_SOURCE_VALUES.filter((x) => x !== v0)], nvals())
    return { op: opName(variant), key, values, ctx: reqVal === undefined ? {} : { [key]: reqVal } }
  }
  if (base === 'Null') {
    const pools = [
      () => { const k = pick(STRING_KEYS.filter((x) => !(x.noS3 && target.s3))); return { key: k.key, v: pick(k.pool) } },
      () => ({ key: pick(BOOL_KEYS), v: pick(['true', 'false']) }),
      () => ({ key: 'aws:SourceIp', v: pick(IP_REQUEST) }),
      () => { const k = pick(MULTI_KEYS); return { key: k.key, v: sample(k.pool, int(1, 2)) } },
      () => ({ key: 'aws:username', derived: true }),
      () => ({ key: 'aws:PrincipalArn', derived: true }),
    ]
    const g = pick(pools)()
    key = g.key
    values = [chance(0.5) ? 'true' : 'false'].map((v) => (chance(0.2) ? v === 'true' : v))
    if (g.derived) return { op: 'Null', key, values, ctx: {}, derived: true }
    return { op: 'Null', key, values, ctx: absent || chance(0.2) ? {} : { [key]: g.v } }
  }
  throw new Error('unknown op ' + base)
}

// ---------------------------------------------------------------- policy builders
let sidCounter = 0
function stmt(effect, action, resource, extra = {}) {
  const s = {}
  if (chance(0.3)) s.Sid = `S${++sidCounter}`
  s.Effect = effect
  if (extra.notAction) s.NotAction = action
  else s.Action = action
  if (extra.notResource) s.NotResource = resource
  else if (resource !== undefined) s.Resource = resource
  if (extra.principal !== undefined) s.Principal = extra.principal
  if (extra.notPrincipal !== undefined) s.NotPrincipal = extra.notPrincipal
  if (extra.condition) s.Condition = extra.condition
  // reorder: Sid, Effect, Principal, Action, Resource, Condition
  const o = {}
  for (const k of ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']) if (k in s) o[k] = s[k]
  return o
}
const NO_VERSION = 'none' // doc(..., NO_VERSION): a policy without a Version element
function doc(statements, version = '2012-10-17') {
  const d = {}
  if (version !== NO_VERSION) d.Version = version
  d.Statement = statements.length === 1 && chance(0.2) ? statements[0] : statements
  return d
}
const allowAll = () => stmt('Allow', '*', '*')
function fillerStatement(target) {
  // unrelated statements that must not decide the case
  const m = int(0, 3)
  const act = nonMatchingActionPattern(target.action)
  if (m === 0) return stmt('Allow', listOrOne([act]), '*')
  if (m === 1) return stmt('Deny', listOrOne([act]), '*')
  if (m === 2) return stmt('Allow', listOrOne([target.action]), nonMatchingResourcePattern(target))
  return stmt('Deny', listOrOne([matchingActionPattern(target.action)]), nonMatchingResourcePattern(target))
}
function conditionBlock(conds) {
  const c = {}
  for (const x of conds) {
    c[x.op] = c[x.op] || {}
    c[x.op][x.key] = x.values.length === 1 && chance(0.5) ? x.values[0] : x.values
  }
  return c
}
// A "grant" statement for the target, optionally conditioned
function grant(target, cond, opts = {}) {
  const act = listOrOne([matchingActionPattern(target.action), ...(chance(0.3) ? [nonMatchingActionPattern(target.action)] : [])])
  const res = target.resource === '*' ? '*' : listOrOne([matchingResourcePattern(target), ...(chance(0.3) ? [nonMatchingResourcePattern(target)] : [])])
  return stmt('Allow', act, res, { condition: cond, principal: opts.principal })
}
function wrapIdentity(docs) {
  return docs.map((d, i) => (chance(0.2) ? { name: `policy-${i + 1}`, policy: d } : d))
}

// ---------------------------------------------------------------- case assembly
const cases = []
const stats = { generated: 0, dropped: 0, dropReasons: {}, ignoredKeysRemoved: 0 }
function baseCase(rule, principal, target) {
  return { rule, principal: principal.arn, action: target.action, resource: target.resource, resourceAccount: target.resourceAccount,
    _principal: principal, context: {} }
}
function addCtx(c, ctx) {
  for (const [k, v] of Object.entries(ctx)) c.context[k] = v
}

// ---------------------------------------------------------------- generators per category
function genAction() {
  const p = makePrincipal(randomPrincipalKind())
  const t = makeTarget(randomSvc(), A)
  const c = baseCase('action', p, t)
  const want = chance(0.5)
  const useNot = chance(0.3)
  const pats = []
  if (useNot) {
    c.rule = 'notaction'
    // NotAction matches when none of the patterns match
    const n = int(1, 3)
    for (let i = 0; i < n; i++) pats.push(nonMatchingActionPattern(t.action))
    if (!want) pats.splice(int(0, pats.length), 0, matchingActionPattern(t.action))
    const effect = chance(0.25) ? 'Deny' : 'Allow'
    const sts = [stmt(effect, listOrOne([...new Set(pats)]), '*', { notAction: true })]
    if (effect === 'Deny') sts.unshift(allowAll())
    if (chance(0.3)) sts.push(fillerStatement(t))
    c.identityPolicies = wrapIdentity([doc(sts)])
    c.rule = `notaction:${effect.toLowerCase()}`
  } else {
    const n = int(1, 3)
    for (let i = 0; i < n; i++) pats.push(nonMatchingActionPattern(t.action))
    if (want) pats.splice(int(0, pats.length), 0, matchingActionPattern(t.action))
    const effect = chance(0.25) ? 'Deny' : 'Allow'
    const sts = [stmt(effect, listOrOne([...new Set(pats)]), '*')]
    if (effect === 'Deny') sts.unshift(stmt('Allow', `${t.svc}:*`, '*'))
    if (chance(0.3)) sts.push(fillerStatement(t))
    c.identityPolicies = wrapIdentity([doc(sts, chance(0.05) ? NO_VERSION : chance(0.05) ? '2008-10-17' : '2012-10-17')])
    c.rule = `action:${effect.toLowerCase()}`
  }
  return c
}

function genResource() {
  const p = makePrincipal(randomPrincipalKind())
  const t = makeTarget(randomSvc(), chance(0.85) ? A : B)
  if (t.resourceAccount === B) t.resourceAccount = B
  const c = baseCase('resource', p, t)
  if (t.resourceAccount !== A) {
    // cross-account: give the resource side a broad grant so the identity resource pattern decides
    c.resourcePolicy = doc([stmt('Allow', t.action, t.resource, { principal: { AWS: A } })])
  }
  const want = chance(0.5)
  const useNot = chance(0.3)
  const pats = []
  const n = int(1, 3)
  for (let i = 0; i < n; i++) pats.push(nonMatchingResourcePattern(t))
  const effect = chance(0.25) ? 'Deny' : 'Allow'
  if (useNot) {
    if (!want) pats.splice(int(0, pats.length), 0, matchingResourcePattern(t))
    const sts = [stmt(effect, matchingActionPattern(t.action), listOrOne([...new Set(pats)]), { notResource: true })]
    if (effect === 'Deny') sts.unshift(allowAll())
    c.identityPolicies = wrapIdentity([doc(sts)])
    c.rule = `notresource:${effect.toLowerCase()}`
  } else {
    if (want) pats.splice(int(0, pats.length), 0, matchingResourcePattern(t))
    const sts = [stmt(effect, matchingActionPattern(t.action), listOrOne([...new Set(pats)]))]
    if (effect === 'Deny') sts.unshift(allowAll())
    if (chance(0.3)) sts.push(fillerStatement(t))
    c.identityPolicies = wrapIdentity([doc(sts)])
    c.rule = `resource:${effect.toLowerCase()}`
  }
  return c
}

let opCursor = 0
function genCondition() {
  const variant = OP_VARIANTS[opCursor++ % OP_VARIANTS.length]
  const p = makePrincipal(randomPrincipalKind())
  const t = makeTarget(randomSvc(), A)
  const c = baseCase(`cond:${opName(variant)}`, p, t)
  const conds = [buildCondition(variant, p, t)]
  if (chance(0.25)) {
    // a second condition: another operator, or the same operator on another key (AND)
    const v2 = chance(0.5) ? pick(OP_VARIANTS) : variant
    const c2 = buildCondition(v2, p, t)
    if (!(c2.op === conds[0].op && c2.key.toLowerCase() === conds[0].key.toLowerCase())) conds.push(c2)
  }
  for (const x of conds) addCtx(c, x.ctx)
  const asDeny = chance(0.4)
  const sts = []
  if (asDeny) {
    sts.push(stmt('Allow', `${t.svc}:*`, '*'))
    sts.push(stmt('Deny', matchingActionPattern(t.action), chance(0.5) ? '*' : matchingResourcePattern(t), { condition: conditionBlock(conds) }))
  } else {
    sts.push(stmt('Allow', matchingActionPattern(t.action), chance(0.5) ? '*' : matchingResourcePattern(t), { condition: conditionBlock(conds) }))
  }
  if (chance(0.2)) sts.push(fillerStatement(t))
  c.identityPolicies = wrapIdentity([doc(sts)])
  if (chance(0.15)) {
    // irrelevant extra context
    const k = pick(STRING_KEYS.filter((x) => !(x.noS3 && t.s3)))
    if (!(k.key in c.context) && !conds.some((x) => x.key.toLowerCase() === k.key.toLowerCase())) c.context[k.key] = pick(k.pool)
  }
  c.rule += asDeny ? ':deny' : ':allow'
  return c
}

function genDenyAllow() {
  // several identity policies mixing Allow and Deny statements
  const p = makePrincipal(randomPrincipalKind())
  const t = makeTarget(randomSvc(), A)
  const c = baseCase('deny-vs-allow', p, t)
  const npol = int(1, 3)
  const docs = []
  for (let i = 0; i < npol; i++) {
    const sts = []
    const ns = int(1, 3)
    for (let j = 0; j < ns; j++) {
      const effect = chance(0.35) ? 'Deny' : 'Allow'
      const am = chance(0.55)
      const rm = chance(0.6)
      const notA = chance(0.12)
      const notR = chance(0.12)
      sts.push(stmt(effect, listOrOne([notA ? actPattern(t.action, !am) : actPattern(t.action, am)]),
        listOrOne([notR ? resPattern(t, !rm) : resPattern(t, rm)]), { notAction: notA, notResource: notR }))
    }
    docs.push(doc(sts))
  }
  c.identityPolicies = wrapIdentity(docs)
  return c
}

function genBoundary() {
  const p = makePrincipal(randomPrincipalKind())
  const t = makeTarget(randomSvc(), A)
  const c = baseCase('boundary', p, t)
  const idAllows = chance(0.7)
  const sts = [idAllows ? grant(t) : stmt('Allow', nonMatchingActionPattern(t.action), '*')]
  if (chance(0.15)) sts.push(stmt('Deny', matchingActionPattern(t.action), matchingResourcePattern(t)))
  c.identityPolicies = wrapIdentity([doc(sts)])
  const m = int(0, 5)
  let pb
  if (m === 0) pb = [stmt('Allow', '*', '*')]
  else if (m === 1) pb = [stmt('Allow', listOrOne([actPattern(t.action, true)]), resPattern(t, chance(0.7)))]
  else if (m === 2) pb = [stmt('Allow', listOrOne([actPattern(t.action, false)]), '*')]
  else if (m === 3) pb = [stmt('Allow', '*', '*'), stmt('Deny', actPattern(t.action, chance(0.6)), '*')]
  else if (m === 4) {
    const v = pick(OP_VARIANTS.filter((x) => !x.set))
    const cond = buildCondition(v, p, t)
    addCtx(c, cond.ctx)
    pb = [stmt('Allow', `${t.svc}:*`, '*', { condition: conditionBlock([cond]) })]
    c.rule = `boundary:cond:${cond.op}`
  } else pb = [stmt('Allow', actPattern(t.action, true), resPattern(t, true), { notResource: chance(0.5) })]
  c.permissionBoundaries = wrapIdentity([doc(pb)])
  if (chance(0.2)) c.permissionBoundaries.push(doc([stmt('Allow', pick(OTHER_ACTIONS), '*')]))
  return c
}

function genSession() {
  const p = makePrincipal(pick(['assumed-role', 'assumed-role', 'role', 'federated-user']))
  const t = makeTarget(randomSvc(), A)
  const c = baseCase(`session:${p.kind}`, p, t)
  c.identityPolicies = wrapIdentity([doc([chance(0.75) ? grant(t) : stmt('Allow', nonMatchingActionPattern(t.action), '*')])])
  const m = int(0, 4)
  let sp
  if (m === 0) sp = [stmt('Allow', '*', '*')]
  else if (m === 1) sp = [stmt('Allow', actPattern(t.action, chance(0.6)), resPattern(t, chance(0.7)))]
  else if (m === 2) sp = [stmt('Allow', '*', '*'), stmt('Deny', actPattern(t.action, chance(0.6)), '*')]
  else if (m === 3) {
    const v = pick(OP_VARIANTS.filter((x) => !x.set))
    const cond = buildCondition(v, p, t)
    addCtx(c, cond.ctx)
    sp = [stmt('Allow', `${t.svc}:*`, '*', { condition: conditionBlock([cond]) })]
  } else sp = [stmt('Allow', actPattern(t.action, false), '*')]
  c.sessionPolicy = doc(sp)
  if (chance(0.25)) c.permissionBoundaries = [doc([stmt('Allow', chance(0.7) ? `${t.svc}:*` : pick(OTHER_ACTIONS), '*')])]
  return c
}

// principal forms for resource-based policies
function principalForms(p) {
  const acct = p.acct
  const forms = [
    ['account-id', { AWS: acct }],
    ['root', { AWS: `arn:aws:iam::${acct}:root` }],
    ['star', '*'],
    ['star-aws', { AWS: '*' }],
  ]
  if (p.kind === 'user' || p.kind === 'user-path') forms.push(['user-arn', { AWS: p.arn }])
  if (p.kind === 'assumed-role') {
    forms.push(['role-arn', { AWS: p.roleArn }])
    forms.push(['session-arn', { AWS: p.arn }])
  }
  if (p.kind === 'role') forms.push(['role-arn', { AWS: p.roleArn }])
  return forms
}
function otherPrincipalForms(p) {
  return [
    ['other-account', { AWS: C }],
    ['other-user', { AWS: `arn:aws:iam::${p.acct}:user/mallory` }],
    ['other-role', { AWS: `arn:aws:iam::${p.acct}:role/other-role` }],
    ['other-root', { AWS: `arn:aws:iam::${C}:root` }],
    ['other-session', { AWS: `arn:aws:sts::${p.acct}:assumed-role/other-role/s1` }],
  ]
}

function genResourcePolicy(cross) {
  const p = makePrincipal(randomPrincipalKind())
  const svcKey = pick(['sqs', 'sns', 'lambda', 'secretsmanager', 's3', 's3', 'dynamodb', 's3bucket'])
  const t = makeTarget(svcKey, cross ? B : A)
  const [formName, princ] = chance(0.8) ? pick(principalForms(p)) : pick(otherPrincipalForms(p))
  const c = baseCase(`${cross ? 'cross-account' : 'same-account'}:${formName}`, p, t)
  const rpSts = []
  const rpEffect = chance(0.15) ? 'Deny' : 'Allow'
  if (rpEffect === 'Deny') {
    rpSts.push(stmt('Allow', matchingActionPattern(t.action), t.resource, { principal: pick(principalForms(p))[1] }))
  }
  let cond
  if (chance(0.25)) {
    const v = pick(OP_VARIANTS.filter((x) => !x.set))
    cond = buildCondition(v, p, t)
    addCtx(c, cond.ctx)
  }
  rpSts.push(stmt(rpEffect, listOrOne([actPattern(t.action, chance(0.85))]), resPattern(t, chance(0.85)),
    { principal: princ, condition: cond ? conditionBlock([cond]) : undefined }))
  c.resourcePolicy = doc(rpSts)
  c.rule += `:${rpEffect.toLowerCase()}`
  const idm = int(0, 3)
  if (idm === 0) c.identityPolicies = []
  else if (idm === 1) c.identityPolicies = wrapIdentity([doc([grant(t)])])
  else if (idm === 2) c.identityPolicies = wrapIdentity([doc([stmt('Allow', nonMatchingActionPattern(t.action), '*')])])
  else c.identityPolicies = wrapIdentity([doc([grant(t), ...(chance(0.3) ? [stmt('Deny', actPattern(t.action, true), '*')] : [])])])
  if (chance(0.3)) {
    c.permissionBoundaries = [doc([stmt('Allow', chance(0.5) ? `${t.svc}:*` : pick(OTHER_ACTIONS), '*')])]
    c.rule += ':boundary'
  }
  if (p.kind !== 'user' && p.kind !== 'user-path' && chance(0.2) && !sessionBypassRisk(c)) {
    c.sessionPolicy = doc([stmt('Allow', chance(0.5) ? `${t.svc}:*` : pick(OTHER_ACTIONS), '*')])
    c.rule += ':session'
  }
  if (chance(0.15)) {
    c.scps = [{ orgIdentifier: 'r-root', policies: [doc([stmt('Allow', '*', '*')])] },
      { orgIdentifier: 'ou-ab12-11111111', policies: [doc([stmt('Allow', chance(0.7) ? `${t.svc}:*` : pick(OTHER_ACTIONS), '*')])] }]
    c.rule += ':scp'
  }
  return c
}
// iam-simulate applies a session policy even where a same-account resource
// policy names the session itself or "*" (AWS: such grants are not limited by
// the session policy); ordinary cases avoid the combination.
function sessionBypassRisk(c) {
  if (!c.resourcePolicy) return false
  if (c.resourceAccount !== c._principal.acct) return false
  const s = JSON.stringify(c.resourcePolicy)
  return s.includes('"*"') || s.includes(c._principal.arn)
}

function scpPolicy(t, allow) {
  const m = int(0, 5)
  if (allow) {
    if (m === 0) return doc([stmt('Allow', '*', '*')])
    if (m === 1) return doc([stmt('Allow', `${t.svc}:*`, '*')])
    if (m === 2) return doc([stmt('Allow', listOrOne([matchingActionPattern(t.action), pick(OTHER_ACTIONS)]), '*')])
    if (m === 3) return doc([stmt('Allow', listOrOne([nonMatchingActionPattern(t.action)]), '*', { notAction: true })])
    if (m === 4) return doc([stmt('Allow', '*', matchingResourcePattern(t))])
    return doc([stmt('Allow', '*', '*'), stmt('Deny', nonMatchingActionPattern(t.action), '*')])
  }
  if (m === 0) return doc([stmt('Allow', listOrOne([nonMatchingActionPattern(t.action)]), '*')])
  if (m === 1) return doc([stmt('Allow', '*', '*'), stmt('Deny', matchingActionPattern(t.action), '*')])
  if (m === 2) return doc([stmt('Allow', '*', nonMatchingResourcePattern(t))])
  if (m === 3) return doc([stmt('Allow', '*', '*'), stmt('Deny', '*', matchingResourcePattern(t))])
  if (m === 4) return doc([stmt('Allow', '*', '*'), stmt('Deny', listOrOne([nonMatchingActionPattern(t.action)]), '*', { notAction: true })])
  return doc([stmt('Allow', listOrOne([matchingActionPattern(t.action)]), '*', { notAction: true })])
}
function genScp() {
  const p = makePrincipal(randomPrincipalKind())
  const t = makeTarget(randomSvc(), A)
  const c = baseCase('scp', p, t)
  c.identityPolicies = wrapIdentity([doc([chance(0.85) ? grant(t) : stmt('Allow', nonMatchingActionPattern(t.action), '*')])])
  const levels = pick([['r-root'], ['r-root', 'ou-ab12-11111111'], ['r-root', 'ou-ab12-11111111', A], ['r-root', 'ou-ab12-11111111', 'ou-ab12-22222222', A]])
  const failing = chance(0.45) ? int(0, levels.length - 1) : -1
  c.scps = levels.map((lvl, i) => {
    const pols = [scpPolicy(t, i !== failing)]
    if (chance(0.3)) pols.push(scpPolicy(t, chance(0.5)))
    if (chance(0.2)) {
      const v = pick(OP_VARIANTS.filter((x) => !x.set && !x.base.startsWith('Binary')))
      const cond = buildCondition(v, p, t)
      addCtx(c, cond.ctx)
      pols.push(doc([stmt(chance(0.5) ? 'Deny' : 'Allow', `${t.svc}:*`, '*', { condition: conditionBlock([cond]) })]))
    }
    return { orgIdentifier: lvl, policies: pols }
  })
  if (levels.length === 1 && c.scps[0].policies.length === 1 && chance(0.4)) {
    c.scps = [c.scps[0].policies[0]] // flat form: one level holding one policy
    c.rule = 'scp:flat'
  } else c.rule = `scp:${levels.length}-levels`
  return c
}

const RCP_FULL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }
function rcpDeny(t, p, c) {
  const svc = t.svc
  const m = int(0, 5)
  // customer RCPs may not use Action "*"
  let a0 = pick([`${svc}:*`, t.action, matchingActionPattern(t.action), nonMatchingActionPattern(t.action)])
  if (a0 === '*') a0 = `${svc}:*`
  const acts = listOrOne([a0])
  if (m === 0) return doc([stmt('Deny', acts, '*', { principal: '*', condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })])
  if (m === 1) return doc([stmt('Deny', acts, '*', { principal: '*', condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })])
  if (m === 2) return doc([stmt('Deny', acts, resPattern(t, chance(0.6)), { principal: '*' })])
  if (m === 3) return doc([stmt('Deny', acts, '*', { principal: '*', condition: { StringNotEquals: { 'aws:PrincipalAccount': [A, B] } } })])
  if (m === 4) return doc([stmt('Deny', acts, resPattern(t, chance(0.6)), { principal: '*', notResource: true })])
  return doc([stmt('Deny', acts, '*', { principal: '*', condition: { NotIpAddressIfExists: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } } })])
}
function genRcp() {
  const p = makePrincipal(randomPrincipalKind())
  const cross = chance(0.35)
  const t = makeTarget(randomSvc(true), cross ? B : A)
  const c = baseCase(cross ? 'rcp:cross-account' : 'rcp', p, t)
  c.identityPolicies = wrapIdentity([doc([chance(0.85) ? grant(t) : stmt('Allow', nonMatchingActionPattern(t.action), '*')])])
  if (cross || chance(0.3)) c.resourcePolicy = doc([stmt('Allow', t.action, t.resource, { principal: pick([{ AWS: A }, { AWS: p.arn }, '*']) })])
  if (sessionBypassRisk(c)) delete c.resourcePolicy
  if (cross && !c.resourcePolicy) c.resourcePolicy = doc([stmt('Allow', t.action, t.resource, { principal: { AWS: A } })])
  const levels = pick([['r-root'], ['r-root', 'ou-cd34-33333333'], ['r-root', 'ou-cd34-33333333', t.resourceAccount]])
  const implicitFull = chance(0.3)
  c.rcps = levels.map((lvl) => {
    const pols = implicitFull ? [] : [clone(RCP_FULL)]
    if (chance(0.6)) pols.push(rcpDeny(t, p, c))
    return { orgIdentifier: lvl, policies: pols }
  })
  if (implicitFull) {
    c.rule += ':implicit-full-access'
    c.note = 'RCP levels list only the customer RCPs: AWS attaches RCPFullAWSAccess to every level and it cannot be detached (iam-semantics.md §3 step 2)'
  }
  const ctx = {}
  if (chance(0.6)) ctx['aws:PrincipalOrgID'] = pick(['o-a1b2c3d4e5', 'o-zzzzzzzzzz'])
  if (chance(0.6)) ctx['aws:SecureTransport'] = pick(['true', 'false'])
  if (chance(0.5)) ctx['aws:SourceIp'] = pick(IP_REQUEST)
  addCtx(c, ctx)
  return c
}

// policy variables (Version 2012-10-17 only)
function genVars() {
  const p = makePrincipal(pick(['user', 'user', 'user-path', 'assumed-role', 'role']))
  const t = makeTarget(pick(['s3', 's3', 'dynamodb', 'lambda', 'secretsmanager', 'sqs']), A)
  const c = baseCase('vars', p, t)
  const team = pick(['dev', 'ops', 'alice'])
  const hasTeam = chance(0.7)
  if (hasTeam) c.context['aws:PrincipalTag/team'] = team
  const m = int(0, 6)
  const a = splitArn(t.resource)
  const id = a.rest.slice(t.typePrefix.length)
  let res, cond
  // resources whose id embeds the principal's name or team
  if (m <= 2) {
    const v = pick(['${aws:username}', '${aws:PrincipalTag/team}', "${aws:PrincipalTag/team, 'alice'}", '${aws:PrincipalAccount}'])
    if (t.s3) res = pick([`arn:aws:s3:::${id.split('/')[0]}/home/${v}/*`, `arn:aws:s3:::${v}-home/*`, `arn:aws:s3:::corp-data/${v}*`, `arn:aws:s3:::${id.split('/')[0]}/*`])
    // variables only after the 5th colon (iam-semantics.md §5); iam-simulate also
    // mis-splits a resource field whose first "/" or ":" is inside a variable, so
    // untyped resources (SQS queue names) are left to the s10x cases
    else if (t.typePrefix) res = joinArn({ ...a, rest: t.typePrefix + pick([`${v}-*`, `${v}*`, `*${v}*`, `${id.split('/')[0]}/${v}`, id]) })
    else return genVars()
    c.rule = 'vars:resource'
  } else if (m <= 5) {
    res = chance(0.5) ? '*' : matchingResourcePattern(t)
    const k = pick([
      ['StringEquals', 'aws:ResourceTag/owner', '${aws:username}', ['alice', 'bob']],
      ['StringLike', 'aws:RequestTag/project', '${aws:PrincipalTag/team}-*', ['dev-x', 'ops-1', 'qa-2', 'dev']],
      ['StringEquals', 'aws:RequestTag/project', "${aws:PrincipalTag/team, 'shared'}", ['shared', 'dev', 'ops']],
      ['StringEqualsIgnoreCase', 'aws:ResourceTag/owner', '${aws:username}', ['Alice', 'BOB', 'carol']],
      // (iam-simulate splits an ARN pattern at every ":", also inside a variable: variables only in the resource field here)
      ['ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:*:${aws:PrincipalTag/team}*', [`arn:aws:sns:us-east-1:${A}:dev-alerts`, `arn:aws:sns:us-east-1:${A}:ops`, `arn:aws:sqs:us-east-1:${A}:dev`]],
      ['ArnEquals', 'aws:SourceArn', 'arn:aws:s3:::${aws:username}-*', ['arn:aws:s3:::alice-home', 'arn:aws:s3:::bob-home', 'arn:aws:s3:::corp-data']],
      ['ArnNotLike', 'aws:SourceArn', "arn:aws:s3:::${aws:PrincipalTag/team, 'shared'}/*", ['arn:aws:s3:::dev/x', 'arn:aws:s3:::shared/y', 'arn:aws:s3:::ops/z']],
      ['StringLike', 'aws:RequestTag/literal', '${*}*', ['*x', 'x*', '*']],
      ['StringNotEquals', 'aws:ResourceTag/owner', '${aws:PrincipalAccount}', ['alice', A]],
      ['StringNotLike', 'aws:RequestTag/project', "${aws:PrincipalTag/team, 'none'}*", ['dev-x', 'none-1', 'qa']],
    ])
    const [op, key, val, pool] = k
    if (key.startsWith('aws:ResourceTag') && t.s3) return genVars()
    // a negated operator whose variable is absent is a known oracle divergence: keep the variable resolvable
    if (op.includes('Not') && val.includes('PrincipalTag/team') && !val.includes(',') && !hasTeam) c.context['aws:PrincipalTag/team'] = team
    cond = { [op]: { [key]: val } }
    if (chance(0.85)) c.context[key] = pick(pool)
    c.rule = `vars:cond:${op}`
  } else {
    res = '*'
    cond = { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } }
    if (!hasTeam) c.context['aws:PrincipalTag/team'] = pick(['alice', 'bob'])
    c.rule = 'vars:cond:tag-equals-username'
  }
  const effect = chance(0.2) ? 'Deny' : 'Allow'
  const sts = [stmt(effect, matchingActionPattern(t.action), res, { condition: cond })]
  if (effect === 'Deny') sts.unshift(stmt('Allow', `${t.svc}:*`, '*'))
  c.identityPolicies = wrapIdentity([doc(sts)])
  c.rule += `:${effect.toLowerCase()}`
  return c
}

function genTrust() {
  // sts:AssumeRole: the trust policy is the resource-based policy of the role
  const cross = chance(0.4)
  const p = makePrincipal(pick(['user', 'user', 'assumed-role', 'role']))
  const roleAcct = cross ? B : A
  const target = { svc: 'sts', action: 'sts:AssumeRole', resource: `arn:aws:iam::${roleAcct}:role/${pick(['target', 'ci-deployer', 'ReadOnly'])}`, resourceAccount: roleAcct, typePrefix: 'role/' }
  const [formName, princ] = chance(0.8) ? pick(principalForms(p)) : pick(otherPrincipalForms(p))
  const c = baseCase(`trust:${cross ? 'cross-account' : 'same-account'}:${formName}`, p, target)
  let cond
  if (chance(0.3)) {
    cond = pick([
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      { StringEquals: { 'sts:ExternalId': 'ext-12345' } },
      { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
    ])
    const k = Object.keys(Object.values(cond)[0])[0]
    if (chance(0.7)) c.context[k] = k === 'aws:MultiFactorAuthPresent' ? pick(['true', 'false']) : k === 'sts:ExternalId' ? pick(['ext-12345', 'wrong']) : pick(['60', '7200'])
  }
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: princ, Action: 'sts:AssumeRole' }] }
  if (cond) trust.Statement[0].Condition = cond
  if (chance(0.1)) trust.Statement.push({ Effect: 'Deny', Principal: { AWS: p.arn }, Action: 'sts:AssumeRole' })
  c.resourcePolicy = trust
  const idm = int(0, 2)
  if (idm === 0) c.identityPolicies = []
  else if (idm === 1) c.identityPolicies = [doc([stmt('Allow', pick(['sts:AssumeRole', 'sts:*', 'sts:Assume*']), pick([target.resource, '*', `arn:aws:iam::${roleAcct}:role/*`]))])]
  else c.identityPolicies = [doc([stmt('Allow', 'sts:AssumeRole', `arn:aws:iam::${roleAcct}:role/other`)])]
  return c
}

function genKms() {
  const cross = chance(0.3)
  const p = makePrincipal(pick(['user', 'assumed-role', 'role']))
  const acct = cross ? B : A
  const keyArn = `arn:aws:kms:us-east-1:${acct}:key/${pick(['1234abcd-12ab-34cd-56ef-1234567890ab', '0987dcba-09fe-87dc-65ba-ab0987654321'])}`
  const target = { svc: 'kms', action: `kms:${pick(['Decrypt', 'Encrypt', 'GenerateDataKey'])}`, resource: keyArn, resourceAccount: acct, typePrefix: 'key/' }
  const c = baseCase(`kms:${cross ? 'cross-account' : 'same-account'}`, p, target)
  const m = int(0, 4)
  let princ
  if (m === 0) princ = { AWS: `arn:aws:iam::${p.acct}:root` }
  else if (m === 1) princ = { AWS: p.kind === 'user' ? p.arn : p.roleArn }
  else if (m === 2) princ = { AWS: `arn:aws:iam::${C}:root` }
  else if (m === 3) princ = { AWS: p.acct }
  else princ = null
  if (princ) {
    c.resourcePolicy = { Version: '2012-10-17', Statement: [{ Sid: 'KeyPolicy', Effect: 'Allow', Principal: princ, Action: pick(['kms:*', target.action, 'kms:Decrypt']), Resource: '*' }] }
    c.rule += `:key-policy-${['root', 'principal', 'other-account', 'account-id'][m]}`
  } else {
    c.rule += ':no-key-policy'
    c.note = 'no key policy given: a KMS key policy must allow the principal (or its account, with an identity Allow); an identity Allow alone never suffices (iam-semantics.md §3 step 3, §9 rule 9)'
  }
  c.identityPolicies = chance(0.7) ? [doc([stmt('Allow', pick(['kms:*', target.action, 'kms:Encrypt']), pick(['*', keyArn, `arn:aws:kms:*:${acct}:key/*`]))])] : []
  return c
}

function genNotPrincipal() {
  const p = makePrincipal(pick(['user', 'assumed-role']))
  const t = makeTarget(pick(['sqs', 'sns', 's3', 'secretsmanager']), A)
  const c = baseCase('notprincipal', p, t)
  const m = int(0, 2)
  let np
  if (m === 0) np = { AWS: [`arn:aws:iam::${C}:user/ops`, `arn:aws:iam::${C}:root`] } // caller not exempt
  else if (m === 1) np = p.kind === 'user' ? { AWS: [p.arn, `arn:aws:iam::${A}:root`] } : { AWS: [p.arn, p.roleArn, `arn:aws:iam::${A}:root`] }
  else np = { AWS: [`arn:aws:iam::${A}:user/mallory`, `arn:aws:iam::${C}:root`] }
  c.resourcePolicy = { Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Principal: { AWS: A }, Action: `${t.svc}:*`, Resource: '*' },
    { Effect: 'Deny', NotPrincipal: np, Action: `${t.svc}:*`, Resource: '*' },
  ] }
  c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*')])]
  c.rule = `notprincipal:${['other-account', 'caller-listed', 'caller-not-listed'][m]}`
  if (chance(0.35)) {
    c.permissionBoundaries = [doc([stmt('Allow', '*', '*')])]
    c.rule += ':boundary'
  }
  return c
}

function genWildcardOnly() {
  const p = makePrincipal(randomPrincipalKind())
  const action = pick(WILDCARD_ONLY)
  const svc = action.split(':')[0]
  const t = { svc, action, resource: '*', resourceAccount: A, typePrefix: '' }
  const c = baseCase('wildcard-only-action', p, t)
  const want = chance(0.6)
  const sts = [stmt('Allow', listOrOne([actPattern(action, want)]), '*')]
  if (chance(0.3)) sts.push(stmt('Deny', actPattern(action, chance(0.5)), '*'))
  if (chance(0.3)) {
    const v = pick(OP_VARIANTS.filter((x) => !x.set))
    const cond = buildCondition(v, p, t)
    addCtx(c, cond.ctx)
    sts[0].Condition = conditionBlock([cond])
  }
  c.identityPolicies = wrapIdentity([doc(sts)])
  return c
}

function genMixed() {
  // everything at once, random
  const cross = chance(0.3)
  const p = makePrincipal(randomPrincipalKind())
  const t = makeTarget(randomSvc(), cross ? B : A)
  const c = baseCase(cross ? 'mixed:cross-account' : 'mixed', p, t)
  const docs = []
  for (let i = 0; i < int(1, 2); i++) {
    const sts = []
    for (let j = 0; j < int(1, 3); j++) {
      const effect = chance(0.3) ? 'Deny' : 'Allow'
      let condition
      if (chance(0.35)) {
        const cond = buildCondition(pick(OP_VARIANTS), p, t)
        addCtx(c, cond.ctx)
        condition = conditionBlock([cond])
      }
      sts.push(stmt(effect, listOrOne([actPattern(t.action, chance(0.6))]), listOrOne([resPattern(t, chance(0.65))]), { condition }))
    }
    docs.push(doc(sts))
  }
  c.identityPolicies = wrapIdentity(docs)
  if (chance(0.3)) c.permissionBoundaries = [doc([stmt('Allow', listOrOne([actPattern(t.action, chance(0.7))]), '*')])]
  if (cross || chance(0.3)) {
    const [, princ] = pick([...principalForms(p), ...otherPrincipalForms(p).slice(0, 1)])
    c.resourcePolicy = doc([stmt(chance(0.85) ? 'Allow' : 'Deny', listOrOne([actPattern(t.action, chance(0.8))]), resPattern(t, chance(0.85)), { principal: princ })])
  }
  if ((p.kind === 'assumed-role' || p.kind === 'role') && chance(0.25) && !sessionBypassRisk(c)) {
    c.sessionPolicy = doc([stmt('Allow', listOrOne([actPattern(t.action, chance(0.7))]), '*')])
  }
  if (chance(0.25)) c.scps = [{ orgIdentifier: 'r-root', policies: [scpPolicy(t, chance(0.8))] }, { orgIdentifier: 'ou-ab12-11111111', policies: [scpPolicy(t, chance(0.8))] }]
  if (SERVICES[t.svcKey]?.rcp && chance(0.2)) c.rcps = [{ orgIdentifier: 'r-root', policies: [clone(RCP_FULL), rcpDeny(t, p, c)] }]
  return c
}

// ---------------------------------------------------------------- oracle
function toSimulation(c, ctxOverride) {
  const named = (arr, prefix) => (arr || []).map((x, i) => (x && typeof x === 'object' && 'policy' in x && 'name' in x ? { name: `${prefix}${i}-${x.name}`, policy: x.policy } : { name: `${prefix}${i}`, policy: x }))
  const levels = (arr, prefix, dropFull) => {
    if (!arr) return []
    const lv = arr.length && !('orgIdentifier' in arr[0]) ? [{ orgIdentifier: 'r-root', policies: arr }] : arr
    return lv.map((l, i) => ({ orgIdentifier: l.orgIdentifier, policies: named(l.policies.filter((d) => !(dropFull && JSON.stringify(d) === JSON.stringify(RCP_FULL))), `${prefix}${i}-`) }))
  }
  const sim = {
    request: { principal: c.principal, action: c.action, resource: { resource: c.resource, accountId: c.resourceAccount }, contextVariables: ctxOverride ?? c.context },
    identityPolicies: named(c.identityPolicies, 'id'),
    serviceControlPolicies: levels(c.scps, 'scp'),
    // iam-simulate adds RCPFullAWSAccess to every level itself and rejects customer RCPs with Allow
    resourceControlPolicies: levels(c.rcps, 'rcp', true),
  }
  if (c.permissionBoundaries) sim.permissionBoundaryPolicies = named(c.permissionBoundaries, 'pb')
  if (c.sessionPolicy) sim.sessionPolicy = c.sessionPolicy
  if (c.resourcePolicy) sim.resourcePolicy = c.resourcePolicy
  return sim
}
async function oracle(c, ctxOverride) {
  let r
  try {
    r = await runSimulation(toSimulation(c, ctxOverride), {})
  } catch (e) {
    return { error: 'exception: ' + String(e.message || e).slice(0, 80) }
  }
  if (r.resultType === 'error') {
    if (process.env.DEBUG_DROPS) console.error('DROP', JSON.stringify(r.errors), JSON.stringify(finalize(c)))
    return { error: r.errors.message }
  }
  if (r.resultType !== 'single') return { error: 'result type ' + r.resultType }
  return { decision: r.overallResult, ignored: r.result.ignoredContextKeys || [] }
}

// Put the principal-derived keys in the context when a policy refers to them
// (iamgate derives them, iam-simulate does not).
function addDerived(c) {
  const text = JSON.stringify([c.identityPolicies, c.permissionBoundaries, c.sessionPolicy, c.resourcePolicy, c.scps, c.rcps]).toLowerCase()
  for (const k of DERIVED_KEYS) {
    if (text.includes(k.toLowerCase()) && c._principal.derived[k] !== undefined && !(k in c.context)) c.context[k] = c._principal.derived[k]
  }
}

function finalize(c) {
  const o = { id: null, rule: c.rule, principal: c.principal, action: c.action, resource: c.resource, resourceAccount: c.resourceAccount }
  if (c.identityPolicies !== undefined) o.identityPolicies = c.identityPolicies
  if (c.permissionBoundaries) o.permissionBoundaries = c.permissionBoundaries
  if (c.sessionPolicy) o.sessionPolicy = c.sessionPolicy
  if (c.resourcePolicy) o.resourcePolicy = c.resourcePolicy
  if (c.scps) o.scps = c.scps
  if (c.rcps) o.rcps = c.rcps
  if (Object.keys(c.context).length) o.context = c.context
  if (c.expect !== undefined) o.expect = c.expect
  if (c.note) o.note = c.note
  return o
}

async function runOrdinary(c) {
  stats.generated++
  addDerived(c)
  let r = await oracle(c)
  if (r.error) {
    stats.dropped++
    stats.dropReasons[r.error] = (stats.dropReasons[r.error] || 0) + 1
    return
  }
  if (r.ignored.length) {
    // the oracle drops keys it believes do not apply: drop them from the case too
    for (const k of r.ignored) delete c.context[k]
    stats.ignoredKeysRemoved += r.ignored.length
    r = await oracle(c)
    if (r.error || r.ignored.length) {
      stats.dropped++
      stats.dropReasons['ignored-keys'] = (stats.dropReasons['ignored-keys'] || 0) + 1
      return
    }
  }
  c.expect = r.decision
  cases.push(finalize(c))
}

// ---------------------------------------------------------------- section 10 and other known divergences
// Each entry: a case with "expect" = AWS's documented answer; the oracle is asked
// anyway and its answer goes into the note.
const divergent = []
async function addDivergent(c, expect, why, ref = 'iam-semantics.md §10', opts = {}) {
  if (!opts.noDerive) addDerived(c)
  const r = await oracle(c)
  const said = r.error ? `rejects the request (${r.error})` : `says ${r.decision}`
  if (expect === null) {
    c.note = `iam-simulate ${said}; AWS: ${why} (${ref})`
  } else {
    c.expect = expect
    c.note = r.decision === expect ? `iam-simulate agrees (${r.decision}); AWS: ${why} (${ref})` : `iam-simulate ${said}; AWS: ${why} (${ref})`
  }
  divergent.push({ c: finalize(c), agrees: r.decision === expect })
}

function globMatch(pat, s) {
  // plain glob, '*' any run, '?' one char (used only to state AWS's answer for
  // the hand-made resource-type-prefix cases)
  let re = '^'
  for (const ch of pat) re += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&')
  return new RegExp(re + '$', 's').test(s)
}

async function genDivergences() {
  // 1. ${...} under Version 2008-10-17 or no Version is literal text
  for (let i = 0; i < 30; i++) {
    const p = makePrincipal(pick(['user', 'user-path']))
    const version = i % 2 ? '2008-10-17' : NO_VERSION
    const m = i % 3
    let c
    if (m === 0) {
      const t = { svc: 's3', action: 's3:GetObject', resource: `arn:aws:s3:::corp-data/home/${p.name}/notes.txt`, resourceAccount: A, typePrefix: '' }
      c = baseCase('s10:version-2008-variable:resource', p, t)
      c.identityPolicies = [doc([stmt('Allow', 's3:GetObject', 'arn:aws:s3:::corp-data/home/${aws:username}/*')], version)]
      await addDivergent(c, 'ImplicitlyDenied', `without Version 2012-10-17 "\${aws:username}" is literal text, so the Resource does not match home/${p.name}/`)
    } else if (m === 1) {
      const t = makeTarget(pick(['sqs', 'sns', 'dynamodb']), A)
      c = baseCase('s10:version-2008-variable:condition', p, t)
      c.context['aws:PrincipalTag/team'] = p.name
      c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*', { condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } } })], version)]
      await addDivergent(c, 'ImplicitlyDenied', `without Version 2012-10-17 the condition value "\${aws:username}" is literal text and does not equal "${p.name}"`)
    } else {
      const t = makeTarget(pick(['sqs', 'sns', 'dynamodb']), A)
      c = baseCase('s10:version-2008-variable:deny', p, t)
      c.identityPolicies = [doc([stmt('Allow', '*', '*')]), doc([stmt('Deny', `${t.svc}:*`, '*', { condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*${aws:username}' } } })], version)]
      await addDivergent(c, 'Allowed', 'without Version 2012-10-17 the pattern ends in the literal text "${aws:username}", which the caller ARN does not, so the Deny does not apply')
    }
  }
  // 2. unknown condition operator: the policy is invalid (no decision)
  const BAD_OPS = ['StringEqualz', 'NumericBetween', 'DateIs', 'StringMatches', 'IpAddressLike', 'ArnLikes', 'BoolIfExist', 'ForSomeValues:StringEquals']
  for (let i = 0; i < 24; i++) {
    const p = makePrincipal(pick(['user', 'assumed-role']))
    const t = makeTarget(randomSvc(), A)
    const c = baseCase('s10:unknown-operator', p, t)
    const op = BAD_OPS[i % BAD_OPS.length]
    c.context['aws:RequestedRegion'] = 'us-east-1'
    c.identityPolicies = [doc([stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: { [op]: { 'aws:RequestedRegion': 'us-east-1' } } })])]
    await addDivergent(c, null, `"${op}" is not a condition operator: IAM rejects the policy (MalformedPolicyDocument), so this line has no decision and iamgate should answer {"error": ...}; no "expect" on purpose`)
  }
  // 3. wildcard inside the resource-type prefix
  const TP = [
    ['dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${A}:table/Orders`, ['tab*/Orders', 't?ble/Orders', '*/Orders', 'tab*/Ord*', '*le/Orders', 'table*Orders', '*/Users']],
    ['lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${A}:function:resize-image`, ['func*:resize-image', 'f*:resize-*', '*:resize-image', 'function?resize-image', 'fun*:billing*']],
    ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${A}:secret:db-pass-AbCdEf`, ['sec*:db-pass-*', '*:db-pass-AbCdEf', 's?cret:db-*', 'secret*', '*:api-key-*']],
    ['logs:PutLogEvents', `arn:aws:logs:us-east-1:${A}:log-group:app:log-stream:web-1`, ['log-*:app:log-stream:*', '*:app:*', 'log-group:app:log-stream:web-?']],
  ]
  for (const [action, arn, pats] of TP) {
    for (const pat of pats) {
      for (const effect of ['Allow', 'Deny']) {
        const p = makePrincipal(pick(['user', 'assumed-role']))
        const a = splitArn(arn)
        const t = { svc: action.split(':')[0], action, resource: arn, resourceAccount: A, typePrefix: '' }
        const c = baseCase(`s10:resource-type-prefix-wildcard:${effect.toLowerCase()}`, p, t)
        const polRes = joinArn({ ...a, rest: pat })
        const matches = globMatch(pat, a.rest)
        if (effect === 'Allow') {
          c.identityPolicies = [doc([stmt('Allow', action, polRes)])]
          await addDivergent(c, matches ? 'Allowed' : 'ImplicitlyDenied', `Resource is a plain glob over the ARN, so "${pat}" ${matches ? 'matches' : 'does not match'} "${a.rest}"`)
        } else {
          c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*'), stmt('Deny', action, polRes)])]
          await addDivergent(c, matches ? 'ExplicitlyDenied' : 'Allowed', `Resource is a plain glob over the ARN, so the Deny on "${pat}" ${matches ? 'applies to' : 'does not apply to'} "${a.rest}"`)
        }
      }
    }
  }
  // 4. actions without resource-level permissions: an ARN pattern covering the service
  for (const action of WILDCARD_ONLY) {
    const svc = action.split(':')[0]
    for (const pat of [`arn:aws:${svc}:*`, `arn:aws:${svc}:*:*:*`, `arn:*:${svc}:*:*:*`]) {
      for (const effect of ['Allow', 'Deny']) {
        const p = makePrincipal(pick(['user', 'role']))
        const t = { svc, action, resource: '*', resourceAccount: A, typePrefix: '' }
        const c = baseCase(`s10:no-resource-action-arn-pattern:${effect.toLowerCase()}`, p, t)
        if (effect === 'Allow') {
          c.identityPolicies = [doc([stmt('Allow', action, pat)])]
          await addDivergent(c, 'Allowed', `${action} takes no resource ARN (request resource "*"); a Resource pattern covering every ${svc} resource ("${pat}") grants it like "*"`)
        } else {
          c.identityPolicies = [doc([stmt('Allow', `${svc}:*`, '*'), stmt('Deny', action, pat)])]
          await addDivergent(c, 'ExplicitlyDenied', `${action} takes no resource ARN; a Deny on "${pat}" (every ${svc} resource) applies to it`)
        }
      }
    }
  }
  // 5. same-account sts:AssumeRole without a trust policy
  for (let i = 0; i < 24; i++) {
    const p = makePrincipal(pick(['user', 'user-path', 'assumed-role', 'role']))
    const role = pick(['target', 'ci-deployer', 'ReadOnly'])
    const t = { svc: 'sts', action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/${role}`, resourceAccount: A, typePrefix: 'role/' }
    const c = baseCase('s10:assume-role-without-trust-policy', p, t)
    c.identityPolicies = [doc([stmt('Allow', pick(['sts:AssumeRole', 'sts:*', '*']), pick([t.resource, '*', `arn:aws:iam::${A}:role/*`]))])]
    await addDivergent(c, 'ImplicitlyDenied', 'a role can be assumed only if its trust policy allows the caller; an identity-policy Allow alone never suffices, even in the same account')
  }
  // 6. non-ARN request value under ArnNotLike / ArnNotEquals
  const NON_ARNS = ['s3.amazonaws.com', 'not-an-arn', 'arn:aws:s3', '111122223333', 'arn:aws:sns:us-east-1']
  for (let i = 0; i < 30; i++) {
    const p = makePrincipal(pick(['user', 'assumed-role']))
    const t = makeTarget(pick(['sqs', 'sns', 's3', 'lambda']), A)
    const op = i % 2 ? 'ArnNotLike' : 'ArnNotEquals'
    const val = NON_ARNS[i % NON_ARNS.length]
    const c = baseCase(`s10:arn-not-like-non-arn:${i % 3 === 2 ? 'allow' : 'deny'}`, p, t)
    c.context['aws:SourceArn'] = val
    const pat = pick([`arn:aws:sns:*:${A}:*`, `arn:aws:*:*:${A}:*`, 'arn:aws:s3:::corp-*'])
    if (i % 3 === 2) {
      c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*', { condition: { [op]: { 'aws:SourceArn': pat } } })])]
      await addDivergent(c, 'Allowed', `"${val}" does not match the ARN pattern, so ${op} is true and the Allow applies`)
    } else {
      c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: { [op]: { 'aws:SourceArn': pat } } })])]
      await addDivergent(c, 'ExplicitlyDenied', `"${val}" does not match the ARN pattern, so ${op} is true and the Deny applies`)
    }
  }
  // 7. keys AWS derives from the principal, not supplied in the context
  for (let i = 0; i < 30; i++) {
    const p = makePrincipal(pick(['user', 'user', 'assumed-role', 'role']))
    const t = makeTarget(pick(['sqs', 'sns', 'dynamodb', 's3']), A)
    const c = baseCase('s10:derived-context-key', p, t)
    const m = i % 5
    let cond, effect = 'Allow'
    if (m === 0 && p.derived['aws:username']) cond = { StringEquals: { 'aws:username': p.name } }
    else if (m === 1) cond = { ArnLike: { 'aws:PrincipalArn': p.derived['aws:PrincipalArn'].replace(/[^/]+$/, '*') } }
    else if (m === 2) cond = { StringEquals: { 'aws:PrincipalAccount': A } }
    else if (m === 3) { cond = { StringNotEquals: { 'aws:PrincipalAccount': A } }; effect = 'Deny' }
    else cond = { StringEquals: { 'aws:PrincipalType': p.derived['aws:PrincipalType'] } }
    const sts = effect === 'Deny' ? [stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: cond })] : [stmt('Allow', `${t.svc}:*`, '*', { condition: cond })]
    c.identityPolicies = [doc(sts)]
    // AWS's answer = the oracle's answer with the derived keys supplied
    const full = { ...c, context: { ...p.derived } }
    const r = await oracle(full)
    await addDivergent(c, r.decision, `AWS always sets ${Object.keys(Object.values(cond)[0])[0]} from the caller (${p.kind}); it is not supplied in "context" here on purpose`, 'iam-semantics.md §10, product.md "Request context"', { noDerive: true })
  }
  // 8. (beyond §10) a same-account resource policy naming the session ARN or "*" is not limited by the session policy
  for (let i = 0; i < 24; i++) {
    const p = makePrincipal(pick(['assumed-role', 'assumed-role', 'role']))
    const t = makeTarget(pick(['sqs', 'sns', 's3', 'secretsmanager', 'lambda']), A)
    const useStar = p.kind === 'role' || i % 2 === 0
    const c = baseCase(`s10x:session-policy-vs-resource-policy:${useStar ? 'star' : 'session-arn'}`, p, t)
    c.resourcePolicy = doc([stmt('Allow', t.action, t.resource, { principal: useStar ? pick(['*', { AWS: '*' }]) : { AWS: p.arn } })])
    c.identityPolicies = chance(0.5) ? [] : [doc([stmt('Allow', `${t.svc}:*`, '*')])]
    c.sessionPolicy = doc([stmt('Allow', pick(OTHER_ACTIONS.filter((a) => !a.startsWith(t.svc + ':'))), '*')])
    await addDivergent(c, 'Allowed', `a same-account resource-based policy that names the role session ARN (or "*") grants after the session is created and is not limited by the session policy (access_policies "Session policies"; table row 1)`, 'iam-semantics.md §3 row 1')
  }
  // 9. (beyond §10) negated operator whose policy variable has no value
  for (let i = 0; i < 24; i++) {
    const p = makePrincipal(pick(['assumed-role', 'role', 'user']))
    const t = makeTarget(pick(['sqs', 'sns', 'dynamodb']), A)
    const op = ['StringNotEquals', 'StringNotLike', 'StringNotEqualsIgnoreCase', 'ArnNotLike'][i % 4]
    const deny = i % 2 === 0
    const c = baseCase(`s10x:negated-operator-absent-variable:${deny ? 'deny' : 'allow'}`, p, t)
    let cond
    if (op === 'ArnNotLike') { cond = { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:${aws:PrincipalTag/team}' } }; c.context['aws:SourceArn'] = `arn:aws:sns:us-east-1:${A}:alerts` }
    else { cond = { [op]: { 'aws:RequestTag/project': '${aws:PrincipalTag/team}' + (op === 'StringNotLike' ? '*' : '') } }; c.context['aws:RequestTag/project'] = pick(['dev', 'ops-1', 'x']) }
    // aws:PrincipalTag/team is absent on purpose
    if (deny) c.identityPolicies = [doc([stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: cond })])]
    else c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*', { condition: cond })])]
    await addDivergent(c, deny ? 'ExplicitlyDenied' : 'Allowed', `the variable's key (aws:PrincipalTag/team) is absent, and a negated operator with an unresolvable variable is true (reference_policies_variables, "no value")`, 'iam-semantics.md §5')
  }
  // 10. (beyond §10) Date conditions comparing an epoch value with an ISO 8601 one
  const MIX = [
    ['DateLessThan', '2024-06-01T00:00:00Z', '1730000000', false],
    ['DateGreaterThan', '2024-06-01T00:00:00Z', '1730000000', true],
    ['DateGreaterThan', '1717200000', '2024-10-27T03:33:20Z', true],
    ['DateLessThanEquals', '1717200000', '2024-06-01T00:00:00Z', true],
    ['DateEquals', '1717200000', '2024-06-01T00:00:00Z', true],
    ['DateNotEquals', '2024-06-01T00:00:00Z', '1717200000', false],
    ['DateGreaterThanEquals', '2024-06-01', '1717200000', true],
    ['DateLessThan', '1700000000', '2023-01-01T00:00:00Z', true],
  ]
  for (let i = 0; i < 24; i++) {
    const [op, pv, rv, truth] = MIX[i % MIX.length]
    const p = makePrincipal(pick(['user', 'assumed-role']))
    const t = makeTarget(pick(['sqs', 'sns', 's3']), A)
    const deny = i >= MIX.length && i % 2 === 1
    const c = baseCase(`s10x:date-epoch-vs-iso:${deny ? 'deny' : 'allow'}`, p, t)
    c.context['aws:CurrentTime'] = rv
    if (deny) c.identityPolicies = [doc([stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: { [op]: { 'aws:CurrentTime': pv } } })])]
    else c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*', { condition: { [op]: { 'aws:CurrentTime': pv } } })])]
    const expect = deny ? (truth ? 'ExplicitlyDenied' : 'Allowed') : truth ? 'Allowed' : 'ImplicitlyDenied'
    await addDivergent(c, expect, `epoch seconds and ISO 8601 denote the same kind of instant: ${op}(${rv}, ${pv}) is ${truth}`, 'iam-semantics.md §4 (Date)')
  }
  // 11. (beyond §10) the root user is allowed by default
  for (let i = 0; i < 12; i++) {
    const p = makePrincipal('root')
    const t = makeTarget(pick(['sqs', 'sns', 'dynamodb', 's3']), A)
    const c = baseCase('s10x:root-user-default-allow', p, t)
    c.identityPolicies = []
    if (i % 3 === 2) {
      c.scps = [{ orgIdentifier: 'r-root', policies: [doc([stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*')])] }]
      await addDivergent(c, 'ExplicitlyDenied', 'the root user is allowed by default, but an SCP Deny still applies to it', 'iam-semantics.md §3')
    } else await addDivergent(c, 'Allowed', 'the root user is allowed by default (no identity policy needed)', 'iam-semantics.md §3')
  }
  // 12. (beyond §10) a GetFederationToken session with no session policy has no permissions
  for (let i = 0; i < 12; i++) {
    const p = makePrincipal('federated-user')
    const t = makeTarget(pick(['sqs', 'sns', 'dynamodb', 's3']), A)
    const c = baseCase('s10x:federated-user-without-session-policy', p, t)
    c.identityPolicies = [doc([stmt('Allow', '*', '*')])]
    await addDivergent(c, 'ImplicitlyDenied', 'a GetFederationToken session gets only what its session policy allows; with no session policy it is implicitly denied', 'iam-semantics.md §3 step 6')
  }
  // 13. (beyond §10) a variable in the resource field before any "/" or ":" (AWS's own example)
  for (let i = 0; i < 16; i++) {
    const p = makePrincipal(pick(['user', 'user-path']))
    const region = pick(REGIONS)
    const own = i % 4 !== 3
    const qname = own ? `${p.name}-queue` : 'mallory-queue'
    const t = { svc: 'sqs', action: pick(['sqs:SendMessage', 'sqs:ReceiveMessage']), resource: `arn:aws:sqs:${region}:${A}:${qname}`, resourceAccount: A, typePrefix: '' }
    const deny = i % 2 === 1
    const c = baseCase(`s10x:variable-in-untyped-resource:${deny ? 'deny' : 'allow'}`, p, t)
    const pat = pick(['arn:aws:sqs:*:*:${aws:username}-queue', `arn:aws:sqs:${region}:${A}:\${aws:username}-*`, 'arn:aws:sqs:*:*:${aws:username}*'])
    if (deny) c.identityPolicies = [doc([stmt('Allow', 'sqs:*', '*'), stmt('Deny', 'sqs:*', pat)])]
    else c.identityPolicies = [doc([stmt('Allow', 'sqs:*', pat)])]
    const expect = deny ? (own ? 'ExplicitlyDenied' : 'Allowed') : own ? 'Allowed' : 'ImplicitlyDenied'
    await addDivergent(c, expect, `"${pat}" with aws:username=${p.name} ${own ? 'matches' : 'does not match'} queue "${qname}" (the reference_policies_variables example uses exactly this form)`, 'iam-semantics.md §5')
  }
  // 15. (beyond §10) a policy variable inside the first five fields of an ARN condition value
  for (let i = 0; i < 16; i++) {
    const p = makePrincipal(pick(['user', 'assumed-role', 'role']))
    const t = makeTarget(pick(['sqs', 'sns', 'lambda']), A)
    const own = i % 4 !== 3
    const src = own ? `arn:aws:sns:us-east-1:${A}:alerts` : `arn:aws:sns:us-east-1:${C}:alerts`
    const deny = i % 2 === 1
    const c = baseCase(`s10x:arn-condition-variable-in-account:${deny ? 'deny' : 'allow'}`, p, t)
    c.context['aws:SourceArn'] = src
    const pat = pick(['arn:aws:sns:*:${aws:PrincipalAccount}:*', 'arn:aws:sns:us-east-1:${aws:PrincipalAccount}:alerts', 'arn:aws:*:*:${aws:PrincipalAccount}:*'])
    if (deny) c.identityPolicies = [doc([stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: { ArnNotLike: { 'aws:SourceArn': pat } } })])]
    else c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*', { condition: { ArnLike: { 'aws:SourceArn': pat } } })])]
    const expect = deny ? (own ? 'Allowed' : 'ExplicitlyDenied') : own ? 'Allowed' : 'ImplicitlyDenied'
    await addDivergent(c, expect, `the variable is substituted before the ARN is split into fields: "${pat}" with aws:PrincipalAccount=${A} ${own ? 'matches' : 'does not match'} "${src}"`, 'iam-semantics.md §4-5')
  }
  // 16. (beyond §10) IPv4 CIDR with prefix length 0
  for (let i = 0; i < 16; i++) {
    const p = makePrincipal(pick(['user', 'assumed-role']))
    const t = makeTarget(pick(['sqs', 'sns', 's3', 'dynamodb']), A)
    const ip = pick(['192.168.1.77', '203.0.113.8', '8.8.8.8', '10.1.2.3'])
    const op = i % 2 ? 'NotIpAddress' : 'IpAddress'
    const deny = i % 4 >= 2
    const c = baseCase(`s10x:ipv4-prefix-zero:${deny ? 'deny' : 'allow'}`, p, t)
    c.context['aws:SourceIp'] = ip
    const cond = { [op]: { 'aws:SourceIp': '0.0.0.0/0' } }
    const truth = op === 'IpAddress'
    if (deny) c.identityPolicies = [doc([stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: cond })])]
    else c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*', { condition: cond })])]
    const expect = deny ? (truth ? 'ExplicitlyDenied' : 'Allowed') : truth ? 'Allowed' : 'ImplicitlyDenied'
    await addDivergent(c, expect, `0.0.0.0/0 contains every IPv4 address, so ${op}(${ip}) is ${truth}`, 'iam-semantics.md §4 (IpAddress)')
  }
  // 17. (beyond §10) NotIpAddress with a bare IPv4 address and an IPv6 request address
  for (let i = 0; i < 12; i++) {
    const p = makePrincipal(pick(['user', 'assumed-role']))
    const t = makeTarget(pick(['sqs', 'sns', 's3', 'dynamodb']), A)
    const ip = pick(['2001:db8::1', '::1', 'fe80::1'])
    const deny = i % 2 === 1
    const c = baseCase(`s10x:not-ip-address-bare-ipv4-vs-ipv6:${deny ? 'deny' : 'allow'}`, p, t)
    c.context['aws:SourceIp'] = ip
    const cond = { NotIpAddress: { 'aws:SourceIp': pick(['198.51.100.4', ['198.51.100.4', '10.0.0.0/8']]) } }
    if (deny) c.identityPolicies = [doc([stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: cond })])]
    else c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*', { condition: cond })])]
    await addDivergent(c, deny ? 'ExplicitlyDenied' : 'Allowed', `${ip} is not 198.51.100.4 (nor in 10.0.0.0/8), so NotIpAddress is true`, 'iam-semantics.md §4 (IpAddress)')
  }
  // 18. (beyond §10) the escapes ${*} ${?} ${$} under StringEquals-type operators
  for (let i = 0; i < 12; i++) {
    const p = makePrincipal(pick(['user', 'assumed-role']))
    const t = makeTarget(pick(['sqs', 'sns', 'lambda', 'dynamodb']), A)
    const [op, pat, val, truth] = pick([
      ['StringEquals', 'a${*}b${?}c${$}', 'a*b?c$', true],
      ['StringEquals', 'a${*}b', 'axb', false],
      ['StringEqualsIgnoreCase', 'A${*}B${$}', 'a*b$', true],
      ['StringNotEquals', '${$}{x}', '${x}', false],
      ['StringEquals', 'price${$}5', 'price$5', true],
    ])
    const deny = i % 2 === 1
    const c = baseCase(`s10x:escape-variables-under-string-equals:${deny ? 'deny' : 'allow'}`, p, t)
    c.context['aws:RequestTag/literal'] = val
    const cond = { [op]: { 'aws:RequestTag/literal': pat } }
    if (deny) c.identityPolicies = [doc([stmt('Allow', '*', '*'), stmt('Deny', `${t.svc}:*`, '*', { condition: cond })])]
    else c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*', { condition: cond })])]
    const expect = deny ? (truth ? 'ExplicitlyDenied' : 'Allowed') : truth ? 'Allowed' : 'ImplicitlyDenied'
    await addDivergent(c, expect, '${*}, ${?} and ${$} stand for the literal characters *, ? and $ in any string value, so ' + `${op}("${val}", "${pat}") is ${truth}`, 'iam-semantics.md §5')
  }
  // 14. (beyond §10) partition/region/account fields of a Resource ARN are case-sensitive
  for (let i = 0; i < 16; i++) {
    const p = makePrincipal(pick(['user', 'assumed-role']))
    const t = makeTarget(pick(['sqs', 'sns', 'dynamodb', 'lambda']), A)
    const a = splitArn(t.resource)
    const deny = i % 2 === 1
    const c = baseCase(`s10x:resource-arn-field-case:${deny ? 'deny' : 'allow'}`, p, t)
    const pat = joinArn({ ...a, ...(i % 4 < 2 ? { region: a.region.toUpperCase() } : { partition: 'AWS' }) })
    if (deny) c.identityPolicies = [doc([stmt('Allow', `${t.svc}:*`, '*'), stmt('Deny', t.action, pat)])]
    else c.identityPolicies = [doc([stmt('Allow', t.action, pat)])]
    await addDivergent(c, deny ? 'Allowed' : 'ImplicitlyDenied', `Resource ARNs are matched case-sensitively, so "${pat}" does not match "${t.resource}"`, 'iam-semantics.md §1 "Case", §2')
  }
}

// ---------------------------------------------------------------- main
const PLAN = [
  ['action', genAction, 500],
  ['resource', genResource, 600],
  ['condition', genCondition, 2000],
  ['deny-vs-allow', genDenyAllow, 300],
  ['boundary', genBoundary, 300],
  ['session', genSession, 250],
  ['same-account', () => genResourcePolicy(false), 400],
  ['cross-account', () => genResourcePolicy(true), 400],
  ['scp', genScp, 300],
  ['rcp', genRcp, 250],
  ['vars', genVars, 300],
  ['trust', genTrust, 150],
  ['kms', genKms, 100],
  ['notprincipal', genNotPrincipal, 60],
  ['wildcard-only', genWildcardOnly, 120],
  ['mixed', genMixed, 500],
]

async function main() {
  const t0 = Date.now()
  for (const [, gen, n] of PLAN) {
    for (let i = 0; i < n; i++) await runOrdinary(gen())
  }
  await genDivergences()
  const everything = [...cases, ...divergent.map((d) => d.c)]
  const all = everything.filter((c) => c.expect !== undefined)
  const invalid = everything.filter((c) => c.expect === undefined)
  all.forEach((c, i) => (c.id = `diff-${String(i + 1).padStart(5, '0')}`))
  invalid.forEach((c, i) => (c.id = `diff-inv-${String(i + 1).padStart(3, '0')}`))
  mkdirSync(dirname(OUT), { recursive: true })
  const text = all.map((c) => JSON.stringify(c)).join('\n') + '\n'
  writeFileSync(OUT, text)
  writeFileSync(OUT_INVALID, invalid.map((c) => JSON.stringify(c)).join('\n') + '\n')

  // summary
  const byCat = {}
  const byDecision = {}
  for (const c of everything) {
    const cat = c.rule.split(':')[0]
    byCat[cat] = byCat[cat] || { total: 0, Allowed: 0, ImplicitlyDenied: 0, ExplicitlyDenied: 0, none: 0 }
    byCat[cat].total++
    byCat[cat][c.expect ?? 'none']++
    byDecision[c.expect ?? '(no expect)'] = (byDecision[c.expect ?? '(no expect)'] || 0) + 1
  }
  const ops = {}
  for (const c of everything) if (c.rule.startsWith('cond:')) ops[c.rule.split(':').slice(1, -1).join(':')] = (ops[c.rule.split(':').slice(1, -1).join(':')] || 0) + 1
  const out = []
  out.push(`iam-simulate ${ORACLE_VERSION}, seed ${SEED}`)
  out.push(`wrote ${all.length} cases (${(text.length / 1048576).toFixed(2)} MiB) to ${OUT}`)
  out.push(`wrote ${invalid.length} requests that must be rejected (invalid policy) to ${OUT_INVALID}`)
  out.push(`ordinary cases: generated ${stats.generated}, kept ${cases.length}, dropped ${stats.dropped} ${JSON.stringify(stats.dropReasons)}; context keys removed because the oracle ignores them: ${stats.ignoredKeysRemoved}`)
  out.push(`known-divergence cases: ${divergent.length} (oracle agrees with AWS on ${divergent.filter((d) => d.agrees).length})`)
  out.push('per decision: ' + JSON.stringify(byDecision))
  out.push('per category (total / Allowed / ImplicitlyDenied / ExplicitlyDenied / no expect):')
  for (const [k, v] of Object.entries(byCat).sort()) out.push(`  ${k.padEnd(22)} ${String(v.total).padStart(5)} ${String(v.Allowed).padStart(5)} ${String(v.ImplicitlyDenied).padStart(5)} ${String(v.ExplicitlyDenied).padStart(5)} ${String(v.none).padStart(4)}`)
  out.push(`condition-operator variants covered: ${Object.keys(ops).length} of ${OP_VARIANTS.length}`)
  const divRules = {}
  for (const d of divergent) divRules[d.c.rule.split(':').slice(0, 2).join(':')] = (divRules[d.c.rule.split(':').slice(0, 2).join(':')] || 0) + 1
  out.push('known-divergence classes: ' + JSON.stringify(divRules))
  out.push(`took ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  console.log(out.join('\n'))
}

await main()
