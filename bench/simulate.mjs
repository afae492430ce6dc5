#!/usr/bin/env node
// simulate.mjs - the `make bench` counterpart of `iamgate evaluate --batch`:
// decides every line of a request file (JSON Lines, product.md "The request
// file") with @cloud-copilot/iam-simulate and prints one JSON line per
// request, {"id", "decision"} or {"id", "error"}, in the same order.
//
// iam-simulate is AGPL-3.0: it is only run, as an external program, through
// its public API (runSimulation), from oracle/node_modules (installed by
// `cd oracle && npm install`); nothing of it is copied here.  The request
// mapping is the one oracle/generate.mjs uses to build tests/diff/cases.jsonl.
//
// Usage: node bench/simulate.mjs FILE|-  [--oracle DIR]
//   DIR: where node_modules/@cloud-copilot/iam-simulate is (default: ../oracle
//   next to this script, or $IAM_ORACLE_DIR).
// Exit status: 0, 1 when some line got an error, 2 for a usage error, 3 when
// the package is not installed.

import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
let oracleDir = process.env.IAM_ORACLE_DIR || resolve(HERE, '../oracle')
const files = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--oracle' && i + 1 < args.length) oracleDir = args[++i]
  else files.push(args[i])
}
if (files.length !== 1) {
  process.stderr.write('usage: node simulate.mjs FILE|- [--oracle DIR]\n')
  process.exit(2)
}
const file = files[0]

let runSimulation
try {
  const require = createRequire(resolve(oracleDir, 'package.json'))
  ;({ runSimulation } = require('@cloud-copilot/iam-simulate'))
} catch (e) {
  process.stderr.write(`simulate.mjs: @cloud-copilot/iam-simulate is not installed in ${oracleDir}/node_modules (cd oracle && npm install)\n`)
  process.exit(3)
}

// AWS attaches RCPFullAWSAccess to every level; iam-simulate adds it itself
// and rejects customer RCPs with Allow, so it is left out (as generate.mjs
// does).
const RCP_FULL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] })
const baseDir = file === '-' ? process.cwd() : dirname(resolve(file))

// a policy entry: a document, {"name", "policy"}, or a path relative to the file
function entry(x, name) {
  if (typeof x === 'string') return { name: `${name}-${x}`, policy: JSON.parse(readFileSync(resolve(baseDir, x), 'utf8')) }
  if (x && typeof x === 'object' && 'policy' in x && 'name' in x) return { name: `${name}-${x.name}`, policy: entry(x.policy, name).policy }
  return { name, policy: x }
}
const named = (arr, prefix) => (arr || []).map((x, i) => entry(x, `${prefix}${i}`))
function levels(arr, prefix, dropFull) {
  if (!arr) return []
  const lv = arr.length && !(arr[0] && typeof arr[0] === 'object' && 'orgIdentifier' in arr[0])
    ? [{ orgIdentifier: 'r-root', policies: arr }]
    : arr
  return lv.map((l, i) => ({
    orgIdentifier: l.orgIdentifier,
    policies: named(l.policies, `${prefix}${i}-`).filter((p) => !(dropFull && JSON.stringify(p.policy) === RCP_FULL)),
  }))
}
function toSimulation(c) {
  const sim = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context || {},
    },
    identityPolicies: named(c.identityPolicies, 'id'),
    serviceControlPolicies: levels(c.scps, 'scp'),
    resourceControlPolicies: levels(c.rcps, 'rcp', true),
  }
  if (c.permissionBoundaries) sim.permissionBoundaryPolicies = named(c.permissionBoundaries, 'pb')
  if (c.sessionPolicy) sim.sessionPolicy = entry(c.sessionPolicy, 'session').policy
  if (c.resourcePolicy) sim.resourcePolicy = entry(c.resourcePolicy, 'resource').policy
  return sim
}

const text = readFileSync(file === '-' ? 0 : file, 'utf8')
const out = []
let errors = 0
let lineno = 0
for (const line of text.split('\n')) {
  lineno++
  if (!line.trim()) continue
  let c
  let o
  try {
    c = JSON.parse(line)
    const r = await runSimulation(toSimulation(c), {})
    if (r.resultType === 'single') o = { id: c.id ?? null, decision: r.overallResult }
    else o = { id: c.id ?? null, error: r.resultType === 'error' ? String(r.errors?.message ?? 'error') : `result type ${r.resultType}` }
  } catch (e) {
    o = { id: c?.id ?? null, line: lineno, error: String(e?.message ?? e) }
  }
  if (o.error !== undefined) errors++
  out.push(JSON.stringify(o))
  if (out.length >= 4096) {
    process.stdout.write(out.join('\n') + '\n')
    out.length = 0
  }
}
if (out.length) process.stdout.write(out.join('\n') + '\n')
process.exitCode = errors ? 1 : 0
