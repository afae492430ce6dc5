#!/bin/sh
# --live on evaluate, assume and amplify check against a loopback AWS
# (tests/live/standin.py, which recomputes every signature with
# botocore's signer): the decisions made on what was fetched equal the
# ones made offline on the same account as a snapshot file; TLS is
# verified (a certificate from no trusted CA is refused); a proxy from
# the environment is used; 5xx and throttling are retried; AWS's errors
# are named with the call; and every call iamgate made is one that
# policies/iamgate-live-readonly.json allows.  Nothing leaves 127.0.0.1.
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

# the environment of every run: loopback only, no real profile or cache
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
	AWS_SESSION_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE AWS_REGION \
	AWS_DEFAULT_REGION AWS_ENDPOINT_URL AWS_CA_BUNDLE AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \
	AWS_CONTAINER_CREDENTIALS_FULL_URI https_proxy HTTPS_PROXY http_proxy HTTP_PROXY \
	all_proxy ALL_PROXY no_proxy NO_PROXY IAMGATE_MFA_CODE AWS_MAX_ATTEMPTS
export HOME="$work/home" AWS_CONFIG_FILE="$work/config"
export AWS_SHARED_CREDENTIALS_FILE="$work/credentials" AWS_EC2_METADATA_DISABLED=true
mkdir -p "$HOME"
$py "$src/live/mkworld-amplify.py" "$top/policies/examples/amplify-project" "$work" || exit 99
$py "$src/live/standin.py" mkca "$work/ca" >/dev/null || exit 99

# serve NAME WORLD [TLS-CERT TLS-KEY]: start a stand-in; its port in $port
serve() {
	name=$1 world=$2
	shift 2
	rm -f "$work/$name.port"
	if [ $# -eq 2 ]; then
		timeout 300 $py "$src/live/standin.py" serve --world "$world" \
			--port-file "$work/$name.port" --log "$work/$name.log" --tls "$1" "$2" &
	else
		timeout 300 $py "$src/live/standin.py" serve --world "$world" \
			--port-file "$work/$name.port" --log "$work/$name.log" &
	fi
	pids="$pids $!"
	i=0
	while [ ! -s "$work/$name.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$work/$name.port" ] || { echo "the stand-in $name did not start"; exit 99; }
	port=$(cat "$work/$name.port")
}

cat >"$work/config" <<'CFG'
[profile alice]
region = us-east-1

[profile deployer]
role_arn = arn:aws:iam::111122223333:role/amplify-deployer
source_profile = alice
role_session_name = check-live
region = us-east-1
CFG
cat >"$work/credentials" <<'CRED'
[alice]
aws_access_key_id = AKIAALICE0000EXAMPLE
aws_secret_access_key = alice/secret/EXAMPLEKEY0000000000000
CRED
secret="alice/secret/EXAMPLEKEY0000000000000"

serve main "$work/world.json" "$work/ca/cert.pem" "$work/ca/key.pem"
main=$port
export AWS_ENDPOINT_URL="http://127.0.0.1:$main"
acct="--account $work/account.json --org $work/org.json"

# run NAME ARGS...: iamgate, its output in $work/NAME.{out,err}, status in $rc
run() {
	rn=$1
	shift
	"$IAMGATE" "$@" >"$work/$rn.out" 2>"$work/$rn.err"
	rc=$?
}
# same NAME EXPECTED-RC ACTION RESOURCE PROFILE-OR-PRINCIPAL...: live and
# offline decide alike, and as expected
same() {
	name=$1 want=$2 action=$3 resource=$4 principal=$5
	shift 5
	run "$name-live" evaluate "$action" "$resource" "$@" --live --format json
	lrc=$rc
	# shellcheck disable=SC2086
	run "$name-file" evaluate "$action" "$resource" --principal "$principal" $acct --format json
	if [ "$lrc" != "$want" ] || [ "$rc" != "$want" ]; then
		bad "$name: exit $lrc live, $rc offline, want $want: $(cat "$work/$name-live.err")"
		return
	fi
	ld=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["decision"])' "$work/$name-live.out")
	fd=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["decision"])' "$work/$name-file.out")
	[ "$ld" = "$fd" ] && ok || bad "$name: live $ld, offline $fd"
}

alice=arn:aws:iam::111122223333:user/alice
deployer=arn:aws:iam::111122223333:role/amplify-deployer
same alice-read 0 s3:GetObject arn:aws:s3:::b/k "$alice" --profile alice
same alice-write 1 s3:PutObject arn:aws:s3:::b/k "$alice" --profile alice
same alice-assume 0 sts:AssumeRole "$deployer" "$alice" --profile alice
same alice-group 0 cloudformation:DescribeStacks '*' "$alice" --profile alice
same deployer-stack 0 cloudformation:CreateStack \
	arn:aws:cloudformation:us-east-1:111122223333:stack/amplify-x/1 \
	arn:aws:sts::111122223333:assumed-role/amplify-deployer/check-live --profile deployer
same deployer-scp 1 s3:DeleteBucket arn:aws:s3:::b \
	arn:aws:sts::111122223333:assumed-role/amplify-deployer/check-live --profile deployer
grep -q '"ExplicitlyDenied"' "$work/deployer-scp-live.out" && ok ||
	bad "deployer-scp: the OU's SCP did not deny: $(cat "$work/deployer-scp-live.out")"
# --principal: the profile's keys read someone else's policies
same alice-reads-deployer 0 cloudformation:CreateStack \
	arn:aws:cloudformation:us-east-1:111122223333:stack/amplify-x/1 "$deployer" \
	--profile alice --principal "$deployer"

# assume --live: the chain made for real, then the request
run assume-live assume deployer s3:GetObject arn:aws:s3:::b/k --live --no-cache
if [ $rc = 0 ] && grep -q "acts as arn:aws:sts::111122223333:assumed-role/amplify-deployer/check-live" \
	"$work/assume-live.out" && grep -q "sts:AssumeRole" "$work/assume-live.out"; then ok; else
	bad "assume --live: exit $rc: $(cat "$work/assume-live.out" "$work/assume-live.err")"
fi

# amplify check --profile with no --account: the deployer read live gives
# the same findings as its files given offline
ex=$top/policies/examples/amplify-project
run amp-live amplify check "$ex" --profile deployer --format json
lrc=$rc
$py - <<'PY' >"$work/scp-ou.json"
import json
print(json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
    {"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
PY
run amp-file amplify check "$ex" -p "$ex/deployer.json" -b "$ex/deployer-boundary.json" \
	--project-boundary "$ex/roles-boundary.json" --scp "$work/scp-ou.json" --format json
if [ "$lrc" != "$rc" ]; then
	bad "amplify check: exit $lrc live, $rc from files: $(head -c 600 "$work/amp-live.err")"
elif $py - "$work/amp-live.out" "$work/amp-file.out" <<'PY'; then ok; else bad "amplify check: live and files differ"; fi
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def view(r):
    return (r.get("required"), r.get("allowed"),
            sorted((m["action"], m["decision"], m.get("blockedBy")) for m in r.get("missing", [])),
            sorted(x.get("name", "") + ":" + str(x.get("loses", "")) for x in r.get("roles", [])))
if view(a) != view(b):
    print("live:", view(a)); print("files:", view(b)); sys.exit(1)
PY

# AWS's own errors, with the call: a principal that does not exist
run no-such evaluate s3:GetObject arn:aws:s3:::b/k --profile alice --live \
	--principal arn:aws:iam::111122223333:role/nobody
[ $rc = 1 ] && grep -q "NoSuchEntity\|does not exist" "$work/no-such.err" && ok ||
	bad "no such role: exit $rc: $(cat "$work/no-such.err")"
# a wrong secret: botocore's signer refuses it, and the message says so
sed "s|$secret|wrong/secret/EXAMPLEKEY00000000000000|" "$work/credentials" >"$work/credentials.bad"
AWS_SHARED_CREDENTIALS_FILE="$work/credentials.bad" run bad-sig evaluate s3:GetObject \
	arn:aws:s3:::b/k --profile alice --live
[ $rc = 1 ] && grep -q "SignatureDoesNotMatch" "$work/bad-sig.err" && ok ||
	bad "bad signature: exit $rc: $(cat "$work/bad-sig.err")"
# usage
run live-batch evaluate --batch /dev/null --live
[ $rc = 2 ] && ok || bad "--live --batch: exit $rc"
run verbose-alone evaluate s3:GetObject '*' -p "$ex/deployer.json" --verbose
[ $rc = 2 ] && ok || bad "--verbose without --live: exit $rc"

# --verbose: one line per call, no secret, no header value
run verbose evaluate s3:GetObject arn:aws:s3:::b/k --profile deployer --live --verbose
if [ $rc = 0 ] && grep -q "sts:GetCallerIdentity http://127.0.0.1:$main -> HTTP 200" "$work/verbose.err" &&
	grep -q "iam:" "$work/verbose.err" && ! grep -qi "authorization\|x-amz-" "$work/verbose.err"; then
	ok
else
	bad "--verbose: exit $rc: $(cat "$work/verbose.err")"
fi

# retries: 5xx and throttling, then success; and giving up
$py - "$work/world.json" "$work/world-faults.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
w["faults"] = [{"service": "sts", "action": "GetCallerIdentity", "status": 503,
                "code": "ServiceUnavailable", "times": 2},
               {"service": "iam", "action": "GetUser", "status": 400, "code": "Throttling",
                "times": 1}]
json.dump(w, open(sys.argv[2], "w"))
PY
serve faults "$work/world-faults.json"
AWS_ENDPOINT_URL="http://127.0.0.1:$port" run retried evaluate s3:GetObject arn:aws:s3:::b/k \
	--profile alice --live --verbose
n=$(grep -c "sts:GetCallerIdentity.*-> HTTP" "$work/retried.err")
if [ $rc = 0 ] && [ "$n" = 3 ] && grep -q "iam:GetUser.*HTTP 400" "$work/retried.err"; then ok; else
	bad "retries: exit $rc, $n GetCallerIdentity calls: $(cat "$work/retried.err")"
fi
serve faults2 "$work/world-faults.json"
AWS_MAX_ATTEMPTS=2 AWS_ENDPOINT_URL="http://127.0.0.1:$port" run gave-up evaluate s3:GetObject \
	arn:aws:s3:::b/k --profile alice --live
[ $rc = 1 ] && grep -q "sts:GetCallerIdentity: ServiceUnavailable" "$work/gave-up.err" && ok ||
	bad "AWS_MAX_ATTEMPTS=2: exit $rc: $(cat "$work/gave-up.err")"

# TLS: the stand-in's certificate is trusted only through AWS_CA_BUNDLE;
# one from no trusted CA is refused, whatever the bundle
AWS_ENDPOINT_URL="https://127.0.0.1:$main" run tls-untrusted evaluate s3:GetObject \
	arn:aws:s3:::b/k --profile alice --live
[ $rc = 4 ] && grep -qi "certificate" "$work/tls-untrusted.err" && ok ||
	bad "TLS without the CA: exit $rc: $(cat "$work/tls-untrusted.err")"
AWS_CA_BUNDLE="$work/ca/ca.pem" AWS_ENDPOINT_URL="https://127.0.0.1:$main" run tls-ok evaluate \
	s3:GetObject arn:aws:s3:::b/k --profile alice --live
[ $rc = 0 ] && ok || bad "TLS with AWS_CA_BUNDLE: exit $rc: $(cat "$work/tls-ok.err")"
serve badcert "$work/world.json" "$work/ca/bad-cert.pem" "$work/ca/bad-key.pem"
AWS_CA_BUNDLE="$work/ca/ca.pem" AWS_ENDPOINT_URL="https://127.0.0.1:$port" run tls-bad evaluate \
	s3:GetObject arn:aws:s3:::b/k --profile alice --live
[ $rc = 4 ] && grep -qi "certificate" "$work/tls-bad.err" && ok ||
	bad "a certificate from no trusted CA: exit $rc: $(cat "$work/tls-bad.err")"
[ ! -s "$work/badcert.log" ] || ! grep -q '"action": *"GetCallerIdentity"' "$work/badcert.log" && ok ||
	bad "a call reached the stand-in with the untrusted certificate"

# a proxy from the environment, as curl reads it: no endpoint URL, the
# real endpoints' names, every CONNECT answered by the stand-in itself
HTTPS_PROXY="http://127.0.0.1:$main" AWS_CA_BUNDLE="$work/ca/ca.pem" AWS_ENDPOINT_URL= \
	run proxy evaluate s3:GetObject arn:aws:s3:::b/k --profile alice --live --verbose
if [ $rc = 0 ] && grep -q "https://sts.us-east-1.amazonaws.com" "$work/proxy.err" &&
	grep -q "https://iam.amazonaws.com" "$work/proxy.err" &&
	grep -q '"transport": *"proxy"' "$work/main.log"; then ok; else
	bad "HTTPS_PROXY: exit $rc: $(cat "$work/proxy.err")"
fi

# no secret in anything iamgate said
if cat "$work"/*.out "$work"/*.err | grep -qF "$secret"; then bad "a secret key was printed"; else ok; fi

# the read-only policy: lint-clean, and every call iamgate made (but the
# chain's own AssumeRole) is one it allows, and nothing that writes is
run lint-policy lint "$top/policies/iamgate-live-readonly.json"
[ $rc = 0 ] && [ ! -s "$work/lint-policy.out" ] && ok || bad "the read-only policy has findings: $(cat "$work/lint-policy.out")"
calls=$($py - "$work"/*.log <<'PY'
import json, sys
seen = set()
for path in sys.argv[1:]:
    for line in open(path):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if r.get("service") in ("sts", "iam", "organizations") and r.get("action"):
            seen.add("%s:%s" % (r["service"], r["action"]))
print("\n".join(sorted(seen)))
PY
)
n=0
for c in $calls; do
	case $c in sts:AssumeRole*) continue ;; esac
	n=$((n + 1))
	"$IAMGATE" evaluate "$c" '*' -p "$top/policies/iamgate-live-readonly.json" -q ||
		bad "iamgate called $c, which policies/iamgate-live-readonly.json does not allow"
done
[ $n -ge 8 ] && ok || bad "only $n kinds of call were seen: $calls"
for w in iam:CreateUser iam:PutRolePolicy iam:PassRole sts:AssumeRole organizations:CreatePolicy; do
	"$IAMGATE" evaluate "$w" '*' -p "$top/policies/iamgate-live-readonly.json" -q &&
		bad "the read-only policy allows $w"
done
ok

echo "$pass passed, $fail failed"
[ $fail = 0 ]
