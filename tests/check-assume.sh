#!/bin/sh
# iamgate assume and --profile: what the goldens cannot set (the
# environment's files and keys), evaluate --profile and amplify check
# --profile against the same snapshots, bad web identity tokens, and that
# no output holds a secret of the files (every assume golden's command,
# text and JSON, grepped for every aws_secret_access_key and
# aws_session_token value of the credentials files it reads).
set -u
: "${IAMGATE:?}"
src=${top_srcdir:-.}/tests
g=$src/golden
fail=0
n=0
work=$(mktemp -d) || exit 99
trap 'rm -rf "$work"' EXIT

unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID \
	AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE \
	AWS_ROLE_SESSION_NAME AWS_EC2_METADATA_DISABLED AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE

# expect WHAT PATTERN COMMAND...: the output (stdout and stderr) matches
expect() {
	what=$1 pat=$2
	shift 2
	n=$((n + 1))
	out=$("$@" 2>&1)
	if ! printf '%s\n' "$out" | grep -Eq -- "$pat"; then
		echo "FAIL: $what: no /$pat/ in:"
		printf '%s\n' "$out" | head -20
		fail=1
	fi
}

# status WHAT RC COMMAND...
status() {
	what=$1 want=$2
	shift 2
	n=$((n + 1))
	"$@" >/dev/null 2>&1
	rc=$?
	[ "$rc" = "$want" ] || { echo "FAIL: $what: exit $rc, expected $want"; fail=1; }
}

cd "$g" || exit 99
biz="--account assume/devcorp-222222222222.json --account assume/bizcorp-111111111111.json"
org="--account ../account/workload-111122223333.json --account ../account/security-444455556666.json --org ../account/org.json"
at="--at 2026-12-01T12:00:00Z"

# ---- evaluate --profile: the principal is where the chain ends ----
export AWS_CONFIG_FILE=assume/org.config AWS_SHARED_CREDENTIALS_FILE=assume/org.credentials
expect "evaluate --profile: the final session decides" \
	'^Allowed' "$IAMGATE" evaluate iam:GetAccountAuthorizationDetails '*' --profile audit $org $at
expect "evaluate --profile --explain: the session's ARN" \
	'by arn:aws:sts::111122223333:assumed-role/CrossAccountAudit/botocore-session-1796126400' \
	"$IAMGATE" evaluate iam:GetAccountAuthorizationDetails '*' --profile audit $org $at --explain
status "evaluate --profile: allowed" 0 \
	"$IAMGATE" evaluate iam:GetAccountAuthorizationDetails '*' --profile audit $org $at
expect "evaluate --profile: a refused hop is named, with the fix" \
	'hop 3 \(audit-no-external-id\) is refused: .*add external_id to \[profile audit-no-external-id\]' \
	"$IAMGATE" evaluate iam:GetAccountAuthorizationDetails '*' --profile audit-no-external-id $org $at
status "evaluate --profile: a refused hop exits 1" 1 \
	"$IAMGATE" evaluate iam:GetAccountAuthorizationDetails '*' --profile audit-no-external-id $org $at
status "evaluate --profile: a profile error exits 1" 1 \
	"$IAMGATE" evaluate s3:GetObject '*' --profile audit-12h $org $at
status "evaluate --profile: no such profile exits 3" 3 \
	"$IAMGATE" evaluate s3:GetObject '*' --profile nobody $org $at
status "evaluate --profile with --principal: usage" 2 \
	"$IAMGATE" evaluate s3:GetObject '*' --profile audit --principal arn:aws:iam::111122223333:user/alice $org
status "evaluate --source-principal without --profile: usage" 2 \
	"$IAMGATE" evaluate s3:GetObject '*' --source-principal arn:aws:iam::111122223333:user/alice $org
status "evaluate --batch with --profile: usage" 2 \
	"$IAMGATE" evaluate --batch ../account/requests.jsonl --profile audit
expect "evaluate --profile --source-principal: the keys' owner as given" \
	'^Allowed' "$IAMGATE" evaluate iam:GetAccountAuthorizationDetails '*' --profile audit \
	--source-principal arn:aws:iam::444455556666:user/dave $org $at
expect "evaluate --profile: an unknown first identity says how to name it" \
	'hop 1 \(alice\) cannot be decided: .*give --source-principal' \
	"$IAMGATE" evaluate s3:GetObject '*' --profile deployer \
	--account ../account/security-444455556666.json $at

# ---- the environment's keys, found by AccessKeyMetadata ----
export AWS_CONFIG_FILE=assume/bizcorp.config AWS_SHARED_CREDENTIALS_FILE=/dev/null
cat >"$work/env.config" <<'EOF'
[profile from-env]
role_arn = arn:aws:iam::111111111111:role/DevCorpAmplifyRole
credential_source = Environment
mfa_serial = arn:aws:iam::222222222222:mfa/devcorpuser
external_id = devcorp-7f3c2a
EOF
expect "credential_source Environment: the key ID's owner" \
	'acts as  arn:aws:iam::222222222222:user/devcorpuser \(its access key ID' \
	env AWS_ACCESS_KEY_ID=AKIADEVCORPEXAMPLE01 AWS_SECRET_ACCESS_KEY=TESTSECRETenvkey000001 \
	"$IAMGATE" assume from-env --config-file "$work/env.config" $biz $at
status "credential_source Environment: every hop passes" 0 \
	env AWS_ACCESS_KEY_ID=AKIADEVCORPEXAMPLE01 AWS_SECRET_ACCESS_KEY=TESTSECRETenvkey000001 \
	"$IAMGATE" assume from-env --config-file "$work/env.config" $biz $at
out=$(env AWS_ACCESS_KEY_ID=AKIADEVCORPEXAMPLE01 AWS_SECRET_ACCESS_KEY=TESTSECRETenvkey000001 \
	AWS_SESSION_TOKEN=TESTSECRETenvtoken0001 \
	"$IAMGATE" assume from-env --config-file "$work/env.config" $biz $at --format json 2>&1)
n=$((n + 1))
if printf '%s' "$out" | grep -q TESTSECRET; then
	echo "FAIL: the environment's secret key or token is in the output"
	fail=1
fi

# ---- amplify check --profile ----
export AWS_CONFIG_FILE=assume/bizcorp.config AWS_SHARED_CREDENTIALS_FILE=assume/bizcorp.credentials
proj=../../policies/examples/amplify-project
expect "amplify check --profile: the report names the deployer" \
	'^deployer arn:aws:sts::111111111111:assumed-role/DevCorpAmplifyRole/botocore-session-[0-9]+, the session of --profile bizcorprole$' \
	"$IAMGATE" amplify check "$proj" --profile bizcorprole $biz --account 111111111111 --allow-incomplete
status "amplify check --profile: every required action allowed" 0 \
	"$IAMGATE" amplify check "$proj" --profile bizcorprole $biz --account 111111111111 --allow-incomplete
expect "amplify check --profile --format json: deployer" \
	'"deployer": "arn:aws:sts::111111111111:assumed-role/DevCorpAmplifyRole/botocore-session-' \
	"$IAMGATE" amplify check "$proj" --profile bizcorprole $biz --account 111111111111 --allow-incomplete --format json
expect "amplify check --profile: a refused hop stops the check" \
	'--profile bizcorprole-no-mfa: hop 2 \(bizcorprole-no-mfa\) is refused: .*requires MFA' \
	"$IAMGATE" amplify check "$proj" --profile bizcorprole-no-mfa $biz
status "amplify check --profile: a refused hop exits 1" 1 \
	"$IAMGATE" amplify check "$proj" --profile bizcorprole-no-mfa $biz
status "amplify check --profile without --account: usage" 2 \
	"$IAMGATE" amplify check "$proj" --profile bizcorprole
expect "amplify check: the deployer from its own account fails cross-account" \
	'FAIL: [0-9]+ required actions not allowed' \
	"$IAMGATE" amplify check "$proj" --profile bizcorprole $biz --allow-incomplete
unset AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE

# ---- web identity tokens that are not JWTs ----
printf 'not a token' >"$work/junk.token"
head -c 70000 /dev/zero | tr '\0' 'a' >"$work/huge.token"
printf 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.\n' >"$work/no-iss.token"
for t in junk huge no-iss; do
	printf '[profile w]\nrole_arn = arn:aws:iam::111122223333:role/gha-deploy\nweb_identity_token_file = %s\n' \
		"$work/$t.token" >"$work/w.config"
	expect "web identity token $t: cannot be decided" \
		"hop 1 cannot be decided offline|could not be read as a JWT with an issuer" \
		"$IAMGATE" assume w --config-file "$work/w.config" --credentials-file /dev/null \
		--account assume/web-111122223333.json $at
	status "web identity token $t: exit 1" 1 \
		"$IAMGATE" assume w --config-file "$work/w.config" --credentials-file /dev/null \
		--account assume/web-111122223333.json $at
done

# ---- no secret in any assume output ----
secrets=$(cat assume/*.credentials profile/*.credentials 2>/dev/null |
	sed -n 's/^[[:space:]]*aws_\(secret_access_key\|session_token\)[[:space:]]*=[[:space:]]*//p')
for c in assume-*.cmd; do
	args=$(cat "$c")
	for fmt in text json; do
		n=$((n + 1))
		out=$(eval "\"\$IAMGATE\" $args --format $fmt --explain" 2>&1)
		for s in $secrets; do
			if printf '%s' "$out" | grep -qF -- "$s"; then
				echo "FAIL: $c --format $fmt prints a secret of its files"
				fail=1
			fi
		done
	done
done

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
