#!/bin/sh
# Credentials along a profile's chain, live, against the loopback AWS
# stand-in (tests/live/standin.py, which recomputes every signature with
# botocore's signer): every source (the environment, static keys, a
# three-hop chain, credential_source, web identity, SSO, credential_process,
# IMDSv2, the container endpoint), MFA and external IDs, and the AWS CLI's
# cache: its file names, modes, reuse and refresh, and a cache the real
# AWS CLI wrote used by iamgate and the reverse.  No secret is printed.
# Nothing leaves 127.0.0.1.
set -u
: "${IAMGATE:?}"
top=${top_srcdir:-.}
src=$top/tests
py=${PYTHON:-python3}
if ! $py -c 'import botocore' 2>/dev/null; then
	echo "skip: python3 with botocore (Debian's python3-botocore) is needed"
	exit 77
fi
work=$(mktemp -d) || exit 99
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
	AWS_SESSION_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_SESSION_NAME \
	AWS_REGION AWS_DEFAULT_REGION AWS_ENDPOINT_URL AWS_CA_BUNDLE \
	AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI \
	AWS_CONTAINER_AUTHORIZATION_TOKEN https_proxy HTTPS_PROXY http_proxy HTTP_PROXY \
	no_proxy NO_PROXY IAMGATE_MFA_CODE AWS_MAX_ATTEMPTS
export HOME="$work/home" AWS_CONFIG_FILE="$work/config"
export AWS_SHARED_CREDENTIALS_FILE="$work/credentials" AWS_EC2_METADATA_DISABLED=true
mkdir -p "$HOME"
$py "$src/live/standin.py" mkca "$work/ca" >/dev/null || exit 99
# the default world, with deploy trusting the instance's and the task's roles
cp "$src"/live/account-*.json "$work/"
$py - "$src/live/world.json" "$work/world.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
w["roles"]["arn:aws:iam::111111111111:role/deploy"]["trusts"] += [
    "arn:aws:iam::111111111111:role/imds-role", "arn:aws:iam::111111111111:role/ecs-role"]
json.dump(w, open(sys.argv[2], "w"))
PY
rm -f "$work/port"
timeout 300 $py "$src/live/standin.py" serve --world "$work/world.json" \
	--port-file "$work/port" --log "$work/log.jsonl" --tls "$work/ca/cert.pem" "$work/ca/key.pem" &
pids="$pids $!"
i=0
while [ ! -s "$work/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$work/port" ] || { echo "the stand-in did not start"; exit 99; }
port=$(cat "$work/port")
export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
A=arn:aws:iam::111111111111
echo gha-token-main >"$work/web.token"
cat >"$work/process.sh" <<'SH'
#!/bin/sh
[ "$1" = "--for" ] || exit 9
printf '{"Version": 1, "AccessKeyId": "AKIAALICE00000000001", "SecretAccessKey": "alice-secret-000000000000000000000000001"}\n'
SH
printf '#!/bin/sh\necho not json\n' >"$work/junk.sh"
chmod +x "$work/process.sh" "$work/junk.sh"
cat >"$work/config" <<CFG
[profile alice]
region = us-east-1
[profile hop1]
role_arn = $A:role/hop1
source_profile = alice
[profile hop2]
role_arn = $A:role/hop2
source_profile = hop1
[profile hop3]
role_arn = $A:role/hop3
source_profile = hop2
role_session_name = three
[profile mfa]
role_arn = $A:role/mfa-role
source_profile = alice
mfa_serial = $A:mfa/alice
[profile ext]
role_arn = $A:role/ext-role
source_profile = alice
external_id = ext-123
[profile ext-wrong]
role_arn = $A:role/ext-role
source_profile = alice
external_id = nope
[profile skip]
role_arn = $A:role/hop3
source_profile = hop1
[profile elsewhere]
role_arn = arn:aws:iam::111122223333:role/elsewhere
source_profile = alice
[profile carol-ext]
role_arn = $A:role/ext-role
source_profile = carol
external_id = ext-123
[profile env-src]
role_arn = $A:role/deploy
credential_source = Environment
[profile web]
role_arn = $A:role/web-role
web_identity_token_file = $work/web.token
role_session_name = gha
[profile proc]
credential_process = "$work/process.sh" --for "alice"
[profile proc-junk]
credential_process = $work/junk.sh
[profile sso-new]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = eu-west-1
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile sso-old]
sso_start_url = https://old.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111122223333
sso_role_name = Admin
[profile imds]
credential_source = Ec2InstanceMetadata
role_arn = $A:role/deploy
[profile ecs]
credential_source = EcsContainer
role_arn = $A:role/deploy
CFG
cat >"$work/credentials" <<'CRED'
[alice]
aws_access_key_id = AKIAALICE00000000001
aws_secret_access_key = alice-secret-000000000000000000000000001
[carol]
aws_access_key_id = AKIACAROL00000000004
aws_secret_access_key = carol-secret-000000000000000000000000004
CRED

run() {
	rn=$1
	shift
	"$IAMGATE" "$@" >"$work/$rn.out" 2>"$work/$rn.err"
	rc=$?
}
arn_of() { $py -c 'import json,sys; print(json.load(open(sys.argv[1]))["Arn"])' "$work/$1.out" 2>/dev/null; }
# who NAME WANT-ARN ARGS...: whoami --format json says WANT-ARN
who() {
	wn=$1 want=$2
	shift 2
	run "$wn" whoami --format json "$@"
	got=$(arn_of "$wn")
	case $got in "$want"*) good=1 ;; *) good=0 ;; esac
	[ $rc = 0 ] && [ $good = 1 ] && ok ||
		bad "$wn: exit $rc, Arn '$got', want $want: $(head -c 400 "$work/$wn.err")"
}
calls() { grep -c "\"action\": \"$1\"" "$work/log.jsonl"; }

who static "$A:user/alice" --profile alice
AWS_ACCESS_KEY_ID=AKIAALICE00000000001 AWS_SECRET_ACCESS_KEY=alice-secret-000000000000000000000000001 \
	who env "$A:user/alice"
who chain3 "arn:aws:sts::111111111111:assumed-role/hop3/three" --profile hop3
grep -q '"hop": 3' "$work/chain3.out" && ok || bad "chain3: not three hops in the output"
who proc "$A:user/alice" --profile proc
run proc-junk whoami --profile proc-junk
[ $rc = 3 ] && grep -q "credential_process" "$work/proc-junk.err" && ok ||
	bad "credential_process printing no JSON: exit $rc: $(cat "$work/proc-junk.err")"
AWS_ACCESS_KEY_ID=AKIAALICE00000000001 AWS_SECRET_ACCESS_KEY=alice-secret-000000000000000000000000001 \
	who env-src "arn:aws:sts::111111111111:assumed-role/deploy/" --profile env-src 2>/dev/null
case $(arn_of env-src) in arn:aws:sts::111111111111:assumed-role/deploy/botocore-session-*) ok ;;
*) bad "credential_source Environment: $(arn_of env-src) $(head -c 300 "$work/env-src.err")" ;; esac
who web "arn:aws:sts::111111111111:assumed-role/web-role/gha" --profile web
AWS_ROLE_ARN=$A:role/web-role AWS_WEB_IDENTITY_TOKEN_FILE="$work/web.token" AWS_ROLE_SESSION_NAME=envgha \
	who web-env "arn:aws:sts::111111111111:assumed-role/web-role/envgha" --no-cache
AWS_EC2_METADATA_DISABLED= AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$port/" \
	who imds "arn:aws:sts::111111111111:assumed-role/deploy/" --profile imds --no-cache 2>/dev/null
case $(arn_of imds) in *assumed-role/deploy/*) ok ;; *) bad "IMDSv2: $(head -c 300 "$work/imds.err")" ;; esac
AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:$port/v2/credentials/task-0001" \
	AWS_CONTAINER_AUTHORIZATION_TOKEN=ecs-auth-token \
	who ecs "arn:aws:sts::111111111111:assumed-role/deploy/" --profile ecs --no-cache 2>/dev/null
case $(arn_of ecs) in *assumed-role/deploy/*) ok ;; *) bad "container endpoint: $(head -c 300 "$work/ecs.err")" ;; esac

# SSO: no token, then the token aws sso login leaves (sha1 of the
# session's name, or of the start URL)
run sso-none whoami --profile sso-new
[ $rc = 1 ] && grep -q "aws sso login --profile sso-new" "$work/sso-none.err" && ok ||
	bad "SSO without a token: exit $rc: $(cat "$work/sso-none.err")"
mkdir -p "$HOME/.aws/sso/cache"
for n in corp https://old.awsapps.com/start; do
	f=$($py -c 'import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())' "$n")
	printf '{"accessToken": "sso-token-alice", "expiresAt": "2099-01-01T00:00:00Z", "region": "eu-west-1"}' \
		>"$HOME/.aws/sso/cache/$f.json"
done
who sso-new "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_" --profile sso-new 2>/dev/null
case $(arn_of sso-new) in *assumed-role/AWSReservedSSO_Admin_*) ok ;; *) bad "SSO: $(head -c 300 "$work/sso-new.err")" ;; esac
who sso-old "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_" --profile sso-old 2>/dev/null
case $(arn_of sso-old) in *assumed-role/AWSReservedSSO_Admin_*) ok ;; *) bad "legacy SSO: $(head -c 300 "$work/sso-old.err")" ;; esac
f=$($py -c 'import hashlib,sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())' corp)
printf '{"accessToken": "sso-token-alice", "expiresAt": "2020-01-01T00:00:00Z"}' >"$HOME/.aws/sso/cache/$f.json"
run sso-expired whoami --profile sso-new --no-cache
[ $rc = 1 ] && grep -q "expired" "$work/sso-expired.err" && grep -q "aws sso login --profile sso-new" \
	"$work/sso-expired.err" && ok || bad "an expired SSO token: exit $rc: $(cat "$work/sso-expired.err")"

# MFA: the code sent and accepted; absent with no terminal; wrong
IAMGATE_MFA_CODE=123456 who mfa "arn:aws:sts::111111111111:assumed-role/mfa-role/" --profile mfa 2>/dev/null
case $(arn_of mfa) in *assumed-role/mfa-role/*) ok ;; *) bad "MFA code: $(head -c 300 "$work/mfa.err")" ;; esac
grep '"action": "AssumeRole"' "$work/log.jsonl" | grep -q '"TokenCode": "123456"' && ok ||
	bad "the MFA code was not sent"
# on a terminal: the AWS CLI's prompt on /dev/tty, the code read with echo off
$py "$src/live/ontty.py" "$work/mfa-tty.typescript" "Enter MFA code for $A:mfa/alice: " 123456 \
	"$IAMGATE" whoami --format json --profile mfa --no-cache >"$work/mfa-tty.out" 2>"$work/mfa-tty.err"
rc=$?
case $(arn_of mfa-tty) in *assumed-role/mfa-role/*) [ $rc = 0 ] && ok ;; *) false ;; esac ||
	bad "MFA on a terminal: exit $rc: $(head -c 300 "$work/mfa-tty.err") $(cat "$work/mfa-tty.typescript")"
grep -q "^Enter MFA code for $A:mfa/alice: " "$work/mfa-tty.typescript" && ok ||
	bad "not the AWS CLI's prompt on the terminal: $(cat "$work/mfa-tty.typescript")"
grep -q 123456 "$work/mfa-tty.typescript" "$work/mfa-tty.out" "$work/mfa-tty.err" &&
	bad "the MFA code was echoed or printed" || ok
[ "$(grep '"action": "AssumeRole"' "$work/log.jsonl" | grep -c '"TokenCode": "123456"')" = 2 ] && ok ||
	bad "the code typed on the terminal was not sent"
run mfa-none whoami --profile mfa --no-cache </dev/null
[ $rc != 0 ] && grep -q -- "--mfa-code" "$work/mfa-none.err" && ok ||
	bad "MFA without a code or terminal: exit $rc: $(cat "$work/mfa-none.err")"
run mfa-wrong whoami --profile mfa --no-cache --mfa-code 000000
[ $rc = 1 ] && grep -q "hop 2 (profile mfa): sts:AssumeRole: AccessDenied" "$work/mfa-wrong.err" && ok ||
	bad "a wrong MFA code: exit $rc: $(cat "$work/mfa-wrong.err")"
# ExternalId
who ext "arn:aws:sts::111111111111:assumed-role/ext-role/" --profile ext 2>/dev/null
case $(arn_of ext) in *ext-role/*) ok ;; *) bad "external ID: $(head -c 300 "$work/ext.err")" ;; esac
run ext-wrong whoami --profile ext-wrong --no-cache
[ $rc = 1 ] && grep -q "AccessDenied" "$work/ext-wrong.err" && ok ||
	bad "a wrong external ID: exit $rc: $(cat "$work/ext-wrong.err")"

# assume --live on a refused hop: decided again on what the hop before reads
run why-ext assume ext-wrong --live --no-cache
[ $rc = 1 ] && grep -q "hop 2 (profile ext-wrong): sts:AssumeRole: AccessDenied" "$work/why-ext.err" &&
	grep -q "^why, from the account as hop 1's credentials read it:" "$work/why-ext.out" &&
	grep -q "^profile ext-wrong: hop 2 is refused" "$work/why-ext.out" &&
	grep -q "acts as  $A:user/alice (sts:GetCallerIdentity)" "$work/why-ext.out" &&
	grep -q "granted by STS" "$work/why-ext.out" &&
	grep -q "context  .*sts:ExternalId=nope" "$work/why-ext.out" &&
	grep -q "fix: external_id of \[profile ext-wrong\] .* is not the one the trust policy of $A:role/ext-role expects" "$work/why-ext.out" && ok ||
	bad "assume --live, a wrong external ID: exit $rc: $(cat "$work/why-ext.out" "$work/why-ext.err")"
run why-skip assume skip --live --no-cache --format json
$py - "$work/why-skip.out" <<'PY' && [ $rc = 1 ] && ok || bad "assume --live, hop 3 refused: exit $rc: $(cat "$work/why-skip.err")"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["live"] and not o["passes"] and o["failedHop"] == 3, o
h = o["hops"]
assert [x.get("made", False) for x in h] == [True, True, False], h
assert h[1]["actsAs"].startswith("arn:aws:sts::111111111111:assumed-role/hop1/"), h[1]
assert h[2]["state"] == "denied" and h[2]["caller"] == h[1]["actsAs"], h[2]
assert h[2]["decision"] == "ImplicitlyDenied", h[2]
assert "name its role arn:aws:iam::111111111111:role/hop1 " in h[2]["fix"], h[2]["fix"]
PY
run why-carol assume carol-ext --live --no-cache
[ $rc = 1 ] && [ ! -s "$work/why-carol.out" ] &&
	grep -q "hop 2 (profile carol-ext): sts:AssumeRole: AccessDenied" "$work/why-carol.err" &&
	grep -q "why hop 2 was refused cannot be read with hop 1's credentials: .*AccessDenied" \
		"$work/why-carol.err" && ok ||
	bad "assume --live, the refusal unreadable: exit $rc: $(cat "$work/why-carol.out" "$work/why-carol.err")"
# a role of another account: IAM answers for the caller's own only, so it is not looked up
run why-elsewhere assume elsewhere --live --no-cache
[ $rc = 1 ] && grep -q "cannot be decided offline: no snapshot of account 111122223333 is loaded" \
	"$work/why-elsewhere.out" && ! grep -q '"RoleName": "elsewhere"' "$work/log.jsonl" && ok ||
	bad "assume --live, a role elsewhere: exit $rc: $(cat "$work/why-elsewhere.out" "$work/why-elsewhere.err")"
run why-mfa assume mfa --live --no-cache --mfa-code 000000
[ $rc = 1 ] && grep -q "fix: STS refused it, though the trust policy" "$work/why-mfa.out" && ok ||
	bad "assume --live, a wrong MFA code: exit $rc: $(cat "$work/why-mfa.out" "$work/why-mfa.err")"
# the cache: the AWS CLI's name for hop3's arguments, 0600 in 0700, reused
key=$($py -c 'import hashlib,json; print(hashlib.sha1(json.dumps({"RoleArn": "arn:aws:iam::111111111111:role/hop3", "RoleSessionName": "three"}, sort_keys=True).encode()).hexdigest())')
cf="$HOME/.aws/cli/cache/$key.json"
[ -f "$cf" ] && ok || bad "no cache file $key.json: $(ls "$HOME/.aws/cli/cache")"
[ "$(stat -c %a "$cf" 2>/dev/null)" = 600 ] && [ "$(stat -c %a "$HOME/.aws/cli/cache")" = 700 ] && ok ||
	bad "cache modes: $(stat -c %a "$cf" "$HOME/.aws/cli/cache" 2>&1)"
n0=$(calls AssumeRole)
who chain3-again "arn:aws:sts::111111111111:assumed-role/hop3/three" --profile hop3
[ "$(calls AssumeRole)" = "$n0" ] && grep -q '"how": "cache"' "$work/chain3-again.out" && ok ||
	bad "the cache was not used: $(calls AssumeRole) AssumeRole after $n0"
who chain3-nocache "arn:aws:sts::111111111111:assumed-role/hop3/three" --profile hop3 --no-cache
[ "$(calls AssumeRole)" = $((n0 + 3)) ] && ok || bad "--no-cache made $(calls AssumeRole) - $n0 calls"
# expired, and ten minutes left: fetched again, the file rewritten
for left in -60 600; do
	$py "$src/live/standin.py" mint --world "$src/live/world.json" \
		--arn arn:aws:sts::111111111111:assumed-role/hop3/three --expires $(( $(date +%s) + left )) |
		$py -c 'import json,sys; c=json.load(sys.stdin); print(json.dumps({"Credentials": c}))' >"$cf"
	n0=$(calls AssumeRole)
	who "refresh$left" "arn:aws:sts::111111111111:assumed-role/hop3/three" --profile hop3
	how3=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["hops"][-1]["how"])' "$work/refresh$left.out")
	[ "$(calls AssumeRole)" -gt "$n0" ] && [ "$how3" = sts:AssumeRole ] && ok ||
		bad "a cache entry with $left s left was used (the last hop: $how3)"
done
# a cache file that is not JSON: a warning naming it, then a fresh call
echo junk >"$cf"
run junk-cache whoami --profile hop3
[ $rc = 0 ] && grep -q "$key.json" "$work/junk-cache.err" && ! grep -q junk "$work/junk-cache.out" && ok ||
	bad "a bad cache file: exit $rc: $(cat "$work/junk-cache.err")"
# the Amplify CLI's cache is read, never written
mkdir -p "$HOME/.amplify/awscloudformation"
$py "$src/live/standin.py" mint --world "$src/live/world.json" \
	--arn arn:aws:sts::111111111111:assumed-role/ext-role/amplify --expires $(( $(date +%s) + 3000 )) |
	$py -c 'import json,sys; c=json.load(sys.stdin); print(json.dumps({"arn:aws:iam::111111111111:role/ext-role": {"amplify": {"accessKeyId": c["AccessKeyId"], "secretAccessKey": c["SecretAccessKey"], "sessionToken": c["SessionToken"], "expiration": c["Expiration"]}}}))' \
	>"$HOME/.amplify/awscloudformation/cache.json"
rm -f "$HOME"/.aws/cli/cache/*
cp "$HOME/.amplify/awscloudformation/cache.json" "$work/amplify-before.json"
n0=$(calls AssumeRole)
who amplify-cache "arn:aws:sts::111111111111:assumed-role/ext-role/amplify" --profile ext
[ "$(calls AssumeRole)" = "$n0" ] && cmp -s "$work/amplify-before.json" "$HOME/.amplify/awscloudformation/cache.json" &&
	ok || bad "the Amplify CLI's cache was not read, or was written"
rm -f "$HOME/.amplify/awscloudformation/cache.json"

# the real AWS CLI: its cache used by iamgate, and iamgate's by it
aws=${AWS_CLI:-/usr/bin/aws}
if [ -x "$aws" ] && "$aws" --version >/dev/null 2>&1; then
	rm -rf "$HOME/.aws/cli/cache"
	cli() { HTTPS_PROXY="http://127.0.0.1:$port" AWS_CA_BUNDLE="$work/ca/ca.pem" AWS_ENDPOINT_URL= \
		timeout 120 "$aws" "$@"; }
	n0=$(calls AssumeRole)
	cli sts get-caller-identity --profile ext >"$work/aws1.out" 2>"$work/aws1.err"
	[ "$(calls AssumeRole)" = $((n0 + 1)) ] && ok || bad "aws did not assume: $(cat "$work/aws1.err")"
	n0=$(calls AssumeRole)
	who from-aws "arn:aws:sts::111111111111:assumed-role/ext-role/" --profile ext 2>/dev/null
	[ "$(calls AssumeRole)" = "$n0" ] && grep -q '"how": "cache"' "$work/from-aws.out" && ok ||
		bad "iamgate did not use the AWS CLI's cache: $(cat "$work/from-aws.err")"
	rm -rf "$HOME/.aws/cli/cache"
	who to-aws "arn:aws:sts::111111111111:assumed-role/hop1/" --profile hop1 2>/dev/null
	n0=$(calls AssumeRole)
	cli sts get-caller-identity --profile hop1 >"$work/aws2.out" 2>"$work/aws2.err"
	[ $? = 0 ] && [ "$(calls AssumeRole)" = "$n0" ] && ok ||
		bad "the AWS CLI did not use iamgate's cache: $(cat "$work/aws2.err")"
else
	echo "note: no AWS CLI ($aws): the shared-cache checks with it are left out"
fi

# --verbose: each call, no header value; no secret anywhere
run verbose whoami --profile hop2 --no-cache --verbose
grep -q "hop 2 (profile hop1): sts:AssumeRole http://127.0.0.1:$port -> HTTP 200" "$work/verbose.err" &&
	! grep -qi "x-amz-security-token\|authorization:" "$work/verbose.err" && ok ||
	bad "--verbose: $(cat "$work/verbose.err")"
secrets="alice-secret-000000000000000000000000001 carol-secret-000000000000000000000000004 sso-token-alice gha-token-main ecs-auth-token"
leak=""
for s in $secrets; do
	cat "$work"/*.out "$work"/*.err | grep -qF -- "$s" && leak="$leak $s"
done
for tok in $(grep -ho '"SessionToken": "[^"]*"' "$HOME"/.aws/cli/cache/*.json 2>/dev/null | cut -d'"' -f4); do
	cat "$work"/*.out "$work"/*.err | grep -qF -- "$tok" && leak="$leak session-token"
done
[ -z "$leak" ] && ok || bad "secrets printed:$leak"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
