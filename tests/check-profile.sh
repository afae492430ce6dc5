#!/bin/sh
# iamgate profile: what the goldens cannot set (the environment), bad
# input (a 10 MB file, one over the limit, a 10,000-role chain, binary
# junk, a directory), and that no output ever holds a secret of the files
# (every profile of every fixture, in text and JSON, grepped for every
# aws_secret_access_key and aws_session_token value).
set -u
: "${IAMGATE:?}"
src=${top_srcdir:-.}/tests
work=$(mktemp -d) || exit 99
trap 'rm -rf "$work"' EXIT
fail=0
n=0

unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ACCESS_KEY_ID \
	AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE \
	AWS_ROLE_SESSION_NAME AWS_EC2_METADATA_DISABLED AWS_SHARED_CREDENTIALS_FILE
cp "$src/awscli/diff.config" "$src/awscli/diff.credentials" "$src/awscli/webtoken" "$work/"
cd "$work" || exit 99
export AWS_CONFIG_FILE=diff.config AWS_SHARED_CREDENTIALS_FILE=diff.credentials

# expect WHAT PATTERN COMMAND...: the output (stdout and stderr) matches
# the extended regular expression
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

# ---- which profile, which region ----
expect "AWS_PROFILE over AWS_DEFAULT_PROFILE" '"profile": "role-a",' \
	env AWS_PROFILE=role-a AWS_DEFAULT_PROFILE=role-b "$IAMGATE" profile --format json
expect "AWS_PROFILE selects" '"selectedBy": "AWS_PROFILE"' \
	env AWS_PROFILE=role-a AWS_DEFAULT_PROFILE=role-b "$IAMGATE" profile --format json
expect "AWS_DEFAULT_PROFILE alone" '^profile role-b \(selected by AWS_DEFAULT_PROFILE\)' \
	env AWS_DEFAULT_PROFILE=role-b "$IAMGATE" profile
expect "NAME over AWS_PROFILE" '^profile role-b \(selected by the command line\)' \
	env AWS_PROFILE=role-a "$IAMGATE" profile role-b
expect "no profile: default" '^profile default \(selected by default\)' "$IAMGATE" profile
expect "AWS_REGION over AWS_DEFAULT_REGION" 'sts endpoint: sts.ca-central-1.amazonaws.com' \
	env AWS_REGION=ca-central-1 AWS_DEFAULT_REGION=eu-west-3 "$IAMGATE" profile role-a
expect "AWS_DEFAULT_REGION over the profile" 'region: eu-west-3 \(AWS_DEFAULT_REGION\)' \
	env AWS_DEFAULT_REGION=eu-west-3 "$IAMGATE" profile role-a
expect "the profile's region" 'region: ap-south-1 \(diff.config:15\)' "$IAMGATE" profile role-a

# ---- the environment's keys ----
expect "env keys beat AWS_PROFILE" 'hop 1: environment keys' \
	env AWS_PROFILE=role-a AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE000001 \
	AWS_SECRET_ACCESS_KEY=TESTSECRETenv0000001 "$IAMGATE" profile
expect "env keys: said" 'warning: env-keys-win' \
	env AWS_PROFILE=role-a AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE000001 \
	AWS_SECRET_ACCESS_KEY=TESTSECRETenv0000001 "$IAMGATE" profile
expect "NAME (--profile) turns env keys off" 'hop 2: role-a: assume-role' \
	env AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE000001 AWS_SECRET_ACCESS_KEY=TESTSECRETenv0000001 \
	"$IAMGATE" profile role-a
expect "env key without its secret" 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY' \
	env AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE000001 "$IAMGATE" profile
expect "credential_source = Environment without keys" \
	'Error when retrieving credentials from Environment: No credentials found' \
	"$IAMGATE" profile role-env
expect "credential_source = Environment with keys" 'hop 1: credential_source Environment' \
	env AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE000001 AWS_SECRET_ACCESS_KEY=TESTSECRETenv0000001 \
	"$IAMGATE" profile role-env

# ---- web identity from the environment (not with NAME) ----
expect "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN" 'role_session_name  envsession \(AWS_ROLE_SESSION_NAME\)' \
	env AWS_CONFIG_FILE=none AWS_WEB_IDENTITY_TOKEN_FILE=webtoken \
	AWS_ROLE_ARN=arn:aws:iam::444444444444:role/web AWS_ROLE_SESSION_NAME=envsession \
	"$IAMGATE" profile
expect "web identity env: acts as" 'acts as: arn:aws:sts::444444444444:assumed-role/web/envsession' \
	env AWS_CONFIG_FILE=none AWS_WEB_IDENTITY_TOKEN_FILE=webtoken \
	AWS_ROLE_ARN=arn:aws:iam::444444444444:role/web AWS_ROLE_SESSION_NAME=envsession \
	"$IAMGATE" profile
expect "web identity env, no role" 'web-identity-no-role' \
	env AWS_CONFIG_FILE=none AWS_WEB_IDENTITY_TOKEN_FILE=webtoken "$IAMGATE" profile
expect "NAME turns the web identity variables off" 'Unable to locate credentials|instance metadata' \
	env AWS_CONFIG_FILE=none AWS_WEB_IDENTITY_TOKEN_FILE=webtoken \
	AWS_ROLE_ARN=arn:aws:iam::444444444444:role/web "$IAMGATE" profile default

# ---- the files' names, as botocore expands them ----
mkdir home
cp diff.config home/cfg
expect "~ in AWS_CONFIG_FILE" "home/cfg:15" env HOME="$work/home" AWS_CONFIG_FILE='~/cfg' \
	"$IAMGATE" profile role-a
expect "\$VAR in AWS_CONFIG_FILE" "home/cfg:15" env D="$work/home" AWS_CONFIG_FILE='$D/cfg' \
	"$IAMGATE" profile role-a
expect "a directory is no file" 'file-absent' "$IAMGATE" profile --all --config-file home
expect "a missing profile" 'The config profile \(nosuch\) could not be found' \
	"$IAMGATE" profile nosuch

# ---- bad input ----
awk 'BEGIN { for (i = 0; i < 100000; i++)
	printf "[profile p%d]\nrole_arn = arn:aws:iam::111111111111:role/r%d\nsource_profile = keys\nregion = eu-west-1\n", i, i }' > big.config
size=$(wc -c < big.config)
[ "$size" -gt 10000000 ] || { echo "FAIL: big.config is only $size bytes"; fail=1; }
printf '[keys]\naws_access_key_id = AKIABIGEXAMPLE000001\naws_secret_access_key = TESTSECRETbig0000001\n' > big.credentials
status "a 10 MB config file, --all" 0 "$IAMGATE" profile --all -q --no-amplify \
	--config-file big.config --credentials-file big.credentials
expect "a 10 MB config file, one profile" 'acts as: arn:aws:sts::111111111111:assumed-role/r99999/' \
	"$IAMGATE" profile --config-file big.config --credentials-file big.credentials p99999
head -c 70000000 /dev/zero | tr '\0' '#' > huge.config
status "a file over the limit" 3 "$IAMGATE" profile --config-file huge.config
expect "a file over the limit: named" 'huge.config.*over 64 MiB' \
	"$IAMGATE" profile --config-file huge.config
awk 'BEGIN { for (i = 0; i < 10000; i++)
	printf "[profile c%d]\nrole_arn = arn:aws:iam::111111111111:role/c%d\nsource_profile = c%d\n", i, i, i + 1
	print "[profile c10000]\naws_access_key_id = AKIADEEP000000000001\naws_secret_access_key = TESTSECRETdeep000001" }' > chain.config
status "a 10,000-role chain" 1 "$IAMGATE" profile --config-file chain.config c0
expect "a 10,000-role chain: the CLI's error" 'chain.config:2: error: source-chain-too-deep: maximum recursion depth exceeded' \
	"$IAMGATE" profile --config-file chain.config c0
expect "the 134th role: fine" 'hop 135: c9866: assume-role' \
	"$IAMGATE" profile --config-file chain.config c9866
head -c 200000 /dev/urandom > junk.config
status "binary junk" 1 "$IAMGATE" profile --all --config-file junk.config
expect "binary junk: named" 'junk.config:[0-9]+: error: config-parse-error' \
	"$IAMGATE" profile --all --config-file junk.config
for f in "$src"/golden/profile/*.config; do
	status "$(basename "$f") as the credentials file" 1 "$IAMGATE" profile --all -q \
		--config-file junk.config --credentials-file "$f"
done

# ---- no secret, ever ----
secrets=$(cat "$src"/golden/profile/*.credentials "$src"/golden/profile/*.config \
	"$src"/awscli/diff.config "$src"/awscli/diff.credentials chain.config |
	sed -n 's/^[[:space:]]*\(aws_secret_access_key\|aws_session_token\)[[:space:]]*[=:][[:space:]]*//p' |
	sort -u)
[ "$(printf '%s\n' "$secrets" | wc -l)" -ge 8 ] || { echo "FAIL: too few test secrets found"; fail=1; }
: > all.out
"$IAMGATE" profile --all --config-file chain.config >> all.out 2>&1
for cfg in "$src"/golden/profile/*.config "$src"/awscli/diff.config; do
	cred=${cfg%.config}.credentials
	[ -f "$cred" ] || cred=diff.credentials
	set -- --config-file "$cfg" --credentials-file "$cred"
	for fmt in text json; do
		"$IAMGATE" profile --all --format $fmt "$@" >> all.out 2>&1
		"$IAMGATE" profile --all --format $fmt --config-file "$cred" \
			--credentials-file "$cfg" >> all.out 2>&1
	done
	"$IAMGATE" profile --all --format json "$@" 2>/dev/null |
		sed -n 's/^    {$//; s/^      "profile": "\(.*\)",$/\1/p' | head -40 |
		while IFS= read -r p; do
			"$IAMGATE" profile "$@" -- "$p"
			"$IAMGATE" profile --format json "$@" -- "$p"
		done >> all.out 2>&1
done
[ "$(wc -l < all.out)" -gt 1000 ] || { echo "FAIL: too little output to check"; fail=1; }
n=$((n + 1))
printf '%s\n' "$secrets" | while IFS= read -r s; do
	[ -n "$s" ] && grep -qF -- "$s" all.out && echo "FAIL: a secret is printed: ${s%????????}..."
done | grep . && fail=1

[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail
