"""The differential test of `iamgate profile` against the real AWS CLI.

Run by tests/check-profile-awscli.sh with the Python of Debian's `aws`
(it imports the AWS CLI's own vendored botocore).  For each set of
profile files it compares, between iamgate and the AWS CLI v2:

  - the profile list (`aws configure list-profiles`);
  - every profile's resolved values (the AWS CLI's own scoped config, and
    `aws configure get` for a few);
  - for every profile, `aws sts get-caller-identity --profile P` run
    through a loopback STS stand-in (sts_standin.py, behind HTTPS_PROXY,
    TLS from a throwaway CA given as AWS_CA_BUNDLE): the error the AWS CLI
    raises against iamgate's first local error, or, when it succeeds, the
    exact AssumeRole / AssumeRoleWithWebIdentity parameters it sent
    (RoleArn, RoleSessionName, ExternalId, SerialNumber, DurationSeconds,
    WebIdentityToken), the STS host, the order in which each hop signs the
    next (every SigV4 signature recomputed by the CLI's own signer from
    the secret of the key that signed), and the principal it ends as;
  - the environment's precedence (AWS_PROFILE over AWS_DEFAULT_PROFILE,
    AWS_REGION over AWS_DEFAULT_REGION, environment keys over AWS_PROFILE
    but not over --profile, credential_source = Environment);
  - that no output of iamgate holds any secret of the files.
Prints one line per check; exits 1 on any mismatch.
"""
import concurrent.futures
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sts_standin  # noqa: E402

LOCAL = {"profile-not-found", "source-profile-missing", "source-profile-loop", "source-both",
         "source-none", "credential-source-invalid", "credential-source-empty",
         "partial-keys", "sso-session-missing", "sso-incomplete", "sso-inconsistent",
         "source-profile-no-credentials", "no-credentials", "config-parse-error",
         "web-identity-no-role", "web-identity-token-missing", "source-chain-too-deep"}
REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-3",
           "eu-central-1", "eu-north-1", "ap-south-1", "ca-central-1", "sa-east-1"]
KIND_KEYS = {
    "assume-role": {"role_arn": "roleArn", "source_profile": "sourceProfile",
                    "credential_source": "credentialSource", "external_id": "externalId",
                    "mfa_serial": "mfaSerial", "role_session_name": "roleSessionNameSetting",
                    "duration_seconds": "durationSecondsSetting", "region": "region"},
    "web identity": {"role_arn": "roleArn", "role_session_name": "roleSessionNameSetting",
                     "web_identity_token_file": "webIdentityTokenFile", "region": "region"},
    "sso": {"sso_session": "ssoSession", "sso_account_id": "ssoAccountId",
            "sso_role_name": "ssoRoleName", "region": "region"},
    "static keys": {"region": "region"},
}


class Diff:
    def __init__(self, iamgate, aws, work):
        self.iamgate, self.aws, self.work = iamgate, aws, work
        self.failures = 0
        self.checks = 0
        self.outputs = []
        self.run_no = 0
        self.standin = None

    def ok(self, cond, what):
        self.checks += 1
        if not cond:
            self.failures += 1
            print("FAIL: " + what)
        return cond

    # ---- running the two ----

    def env(self, cfg, cred, extra=None):
        e = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")
             and k.lower() not in ("https_proxy", "http_proxy", "no_proxy", "all_proxy")}
        home = tempfile.mkdtemp(dir=self.work)
        e.update({"AWS_CONFIG_FILE": cfg, "AWS_SHARED_CREDENTIALS_FILE": cred,
                  "AWS_EC2_METADATA_DISABLED": "true", "HOME": home,
                  "HTTPS_PROXY": "http://127.0.0.1:%d" % self.standin.port,
                  "HTTP_PROXY": "http://127.0.0.1:%d" % self.standin.port,
                  "AWS_CA_BUNDLE": os.path.join(self.work, "ca.pem"),
                  "AWS_MAX_ATTEMPTS": "1", "AWS_PAGER": ""})
        e.update(extra or {})
        return e

    def iam(self, args, env):
        p = subprocess.run([self.iamgate, "profile"] + args, env=env, cwd=self.work,
                           capture_output=True, text=True, timeout=60)
        self.outputs.append(p.stdout + p.stderr)
        return json.loads(p.stdout) if "--format" in args else p

    def run_aws(self, args, env):
        self.run_no += 1
        marker = "iamgaterun%d" % self.run_no
        env = dict(env, AWS_EXECUTION_ENV=marker)
        p = subprocess.run(["setsid", self.aws] + args, env=env, cwd=self.work, input="123456\n",
                           capture_output=True, text=True, timeout=90)
        err = "\n".join(l for l in p.stderr.splitlines()
                        if "GetPassWarning" not in l and "fallback_getpass" not in l
                        and not l.startswith("Warning: Password input")
                        and not l.startswith("Enter MFA code")).strip()
        return p.returncode, p.stdout, err, marker

    # ---- the checks ----

    def check_list(self, name, cfg, cred, chains, broken):
        rc, out, err, _ = self.run_aws(["configure", "list-profiles"], self.env(cfg, cred))
        if broken:
            self.ok(rc != 0 and ("Unable to parse config file" in err or "module" in err),
                    "%s: list-profiles should fail (rc %d: %s)" % (name, rc, err))
            return
        aws = out.splitlines()
        ours = [c["profile"] for c in chains]
        self.ok(aws == ours, "%s: profile list: aws %s, iamgate %s" % (name, aws, ours))

    def check_values(self, name, cfg, cred, chains):
        from awscli.botocore.session import Session
        os.environ["AWS_CONFIG_FILE"], os.environ["AWS_SHARED_CREDENTIALS_FILE"] = cfg, cred
        for c in chains:
            hops = [h for h in c["hops"] if h.get("profile") == c["profile"]]
            if not hops:
                continue
            h = hops[-1]
            scoped = Session(profile=c["profile"]).get_scoped_config()
            for key, field in KIND_KEYS.get(h["kind"], {}).items():
                want = scoped.get(key)
                got = h.get(field, {}).get("value")
                self.ok(want == got, "%s: %s: %s: aws %r, iamgate %r"
                        % (name, c["profile"], key, want, got))

    def check_run(self, name, cfg, cred, chain, files_broken, extra=None, args=None):
        prof = chain["profile"]
        env = self.env(cfg, cred, extra)
        rc, out, err, marker = self.run_aws(
            (args if args is not None else ["--profile", prof]) + ["sts", "get-caller-identity"],
            env)
        local = [d for d in chain["diagnostics"] if d["severity"] == "error" and
                 (d["code"] in LOCAL or d["message"].startswith("Parameter validation failed"))]
        where = "%s: %s" % (name, prof if extra is None else "%s with %s" % (prof, extra))
        if files_broken:
            self.ok(rc != 0 and ("Unable to parse config file" in err or "module" in err),
                    "%s: the AWS CLI should fail on the file: rc %d %s" % (where, rc, err))
            return
        if rc != 0:
            if not local:
                sso = any(h["kind"] == "sso" for h in chain["hops"])
                self.ok(sso and ("SSO" in err or "Token" in err or "sso" in err),
                        "%s: the AWS CLI failed, iamgate saw no error: %s" % (where, err))
                return
            want = " ".join(local[0]["message"].split())
            if local[0]["code"] == "source-chain-too-deep":
                want = "maximum recursion depth exceeded"
            self.ok(want in " ".join(err.split()),
                    "%s: error: aws %r, iamgate %r" % (where, err, local[0]["message"]))
            return
        self.ok(not local, "%s: the AWS CLI succeeded, iamgate says %s"
                % (where, local and local[0]["message"]))
        self.compare_calls(where, chain, self.standin.entries(marker))

    def compare_calls(self, where, chain, calls):
        sts = [c for c in calls if c["params"].get("Action", "").startswith("AssumeRole")]
        roles = [h for h in chain["hops"] if h["kind"] in ("assume-role", "web identity")]
        if not self.ok(len(sts) == len(roles), "%s: %d STS calls, iamgate has %d role hops"
                       % (where, len(sts), len(roles))):
            return
        for i, (c, h) in enumerate(zip(sts, roles)):
            p = c["params"]
            self.compare_params(where + " hop %d" % (i + 1), p, h)
            host = chain["stsEndpoint"].split()[0]
            self.ok(c["host"] == host, "%s: STS host %s, iamgate %s" % (where, c["host"], host))
            if i:
                self.ok(c["signedBy"] == sts[i - 1].get("issued"),
                        "%s hop %d: not signed by the hop before" % (where, i + 1))
        gci = [c for c in calls if c["params"].get("Action") == "GetCallerIdentity"]
        if sts and gci and chain["principal"]:
            self.ok(gci[-1]["signedBy"] == sts[-1].get("issued"),
                    "%s: the call is not signed by the last hop" % where)
            self.ok(fnmatch.fnmatchcase(gci[-1]["callerArn"], chain["principal"]),
                    "%s: acts as %s, iamgate %s" % (where, gci[-1]["callerArn"],
                                                     chain["principal"]))

    def compare_params(self, where, p, h):
        def val(field):
            return h.get(field, {}).get("value")
        self.ok(p.get("RoleArn") == val("roleArn"), "%s: RoleArn %r, iamgate %r"
                % (where, p.get("RoleArn"), val("roleArn")))
        if h["roleSessionNameDefault"]:
            self.ok(re.fullmatch(r"botocore-session-\d+", p.get("RoleSessionName", "")),
                    "%s: RoleSessionName %r is not botocore's default"
                    % (where, p.get("RoleSessionName")))
        else:
            self.ok(p.get("RoleSessionName") == h["roleSessionName"],
                    "%s: RoleSessionName %r, iamgate %r"
                    % (where, p.get("RoleSessionName"), h["roleSessionName"]))
        if h["kind"] == "web identity":
            with open(os.path.join(self.work, val("webIdentityTokenFile"))) as f:
                self.ok(p.get("WebIdentityToken") == f.read(),
                        "%s: WebIdentityToken is not the file verbatim" % where)
            return
        for param, field in (("ExternalId", "externalId"), ("SerialNumber", "mfaSerial")):
            self.ok(p.get(param) == val(field), "%s: %s %r, iamgate %r"
                    % (where, param, p.get(param), val(field)))
        self.ok(("TokenCode" in p) == (val("mfaSerial") is not None),
                "%s: TokenCode sent %s" % (where, "TokenCode" in p))
        d = h.get("durationSeconds")
        self.ok(p.get("DurationSeconds") == (None if d is None else str(d)),
                "%s: DurationSeconds %r, iamgate %r" % (where, p.get("DurationSeconds"), d))

    # ---- one set of files ----

    def check_set(self, name, cfg, cred, only=None):
        env = self.env(cfg, cred)
        full = self.iam(["--all", "--format", "json", "--config-file", cfg,
                         "--credentials-file", cred], env)
        broken = any(d["code"] in ("config-parse-error", "plugins-default")
                     for d in full["files"])
        self.check_list(name, cfg, cred, full["profiles"], broken)
        if not broken:
            self.check_values(name, cfg, cred, full["profiles"])
        runs = [c for c in full["profiles"] if only is None or c["profile"] in only]
        with concurrent.futures.ThreadPoolExecutor(4) as ex:
            list(ex.map(lambda c: self.check_run(name, cfg, cred, c, broken), runs))
        return full

    def chain(self, cfg, cred, extra, name=None):
        env = self.env(cfg, cred, extra)
        return self.iam(([name] if name else []) + ["--format", "json"], env)

    def check_env(self, cfg, cred):
        keys = {"AWS_ACCESS_KEY_ID": "AKIAENVDIFF000000001",
                "AWS_SECRET_ACCESS_KEY": "TESTSECRETenvdiff00001"}
        cases = [
            ({"AWS_PROFILE": "role-a", "AWS_DEFAULT_PROFILE": "role-b"}, None),
            ({"AWS_DEFAULT_PROFILE": "role-b"}, None),
            ({"AWS_REGION": "ca-central-1", "AWS_DEFAULT_REGION": "eu-west-3"}, "role-b"),
            ({"AWS_DEFAULT_REGION": "eu-west-3"}, "role-a"),
            (dict(keys, AWS_PROFILE="role-a"), None),
            (keys, "role-a"),
            (keys, "role-env"),
        ]
        for extra, name in cases:
            ch = self.chain(cfg, cred, extra, name)
            if extra.get("AWS_PROFILE"):
                self.ok(ch["profile"] == extra["AWS_PROFILE"], "env %s: profile %s"
                        % (extra, ch["profile"]))
            self.check_run("env", cfg, cred, ch, False, extra,
                           ["--profile", name] if name else [])
            if extra is cases[4][0]:
                self.ok([h["kind"] for h in ch["hops"]] == ["environment keys"],
                        "env keys with AWS_PROFILE: iamgate uses %s"
                        % [h["kind"] for h in ch["hops"]])
                calls = [c for c in self.standin.log
                         if c.get("signedBy") == keys["AWS_ACCESS_KEY_ID"]]
                self.ok(any(c["params"].get("Action") == "GetCallerIdentity" for c in calls),
                        "env keys with AWS_PROFILE: the AWS CLI did not sign with them")

    def check_list_cmd(self, cfg, cred):
        """`aws configure list`: the access key (masked as both show it) and
        the region, for profiles whose keys are in the files."""
        for prof in ("keys", "cfgkeys", "profile literal", "default"):
            rc, out, err, _ = self.run_aws(["configure", "list", "--profile", prof],
                                           self.env(cfg, cred))
            rows = {}
            for line in out.splitlines()[2:]:
                cols = re.split(r"\s{2,}", line.strip())
                if len(cols) >= 2:   # a long value touches its type: one space
                    rows[cols[0]] = cols[1] if cols[1].startswith("<") else cols[1].split()[0]
            txt = self.iam([prof], self.env(cfg, cred)).stdout
            m = re.search(r"aws_access_key_id  (\S+)", txt)
            ours = m.group(1) if m else "<not set>"
            self.ok(rows.get("access_key") == ours, "configure list --profile %s: access_key "
                    "%s, iamgate %s" % (prof, rows.get("access_key"), ours))
            ch = self.chain(cfg, cred, {}, prof)
            region = ch["region"]["value"] if ch.get("region") else "<not set>"
            self.ok(rows.get("region") == region, "configure list --profile %s: region %s, "
                    "iamgate %s" % (prof, rows.get("region"), region))

    def check_get(self, cfg, cred):
        for prof, key, want in (("over", "role_arn", "arn:aws:iam::111111111111:role/creds-value"),
                                ("Mixed", "region", "us-west-2"),
                                ("continued", "role_session_name", "one\ntwo"),
                                ("quoted name", "external_id", None)):
            rc, out, err, _ = self.run_aws(["configure", "get", key, "--profile", prof],
                                           self.env(cfg, cred))
            got = out[:-1] if out.endswith("\n") else out
            ch = self.chain(cfg, cred, {}, prof)
            hop = [h for h in ch["hops"] if h.get("profile") == prof][-1]
            field = KIND_KEYS[hop["kind"]].get(key)
            ours = hop.get(field, {}).get("value")
            self.ok((got if rc == 0 else None) == want == ours,
                    "configure get %s --profile %s: aws %r (rc %d), iamgate %r"
                    % (key, prof, got, rc, ours))


V1_V2 = """
import sys
if sys.argv[1] == "v2":
    import awscli.botocore.session as m
else:
    import botocore.session as m
s = m.Session()
print(s.get_config_variable("profile"), s.get_config_variable("region"))
"""


def check_v1_v2(d, cfg, cred):
    """Where botocore v1 (python3-botocore) reads the environment otherwise
    than the AWS CLI v2: iamgate must follow v2.  (Each in a process of its
    own: the CLI's vendored botocore takes the name botocore.)"""
    extra = {"AWS_PROFILE": "role-a", "AWS_DEFAULT_PROFILE": "role-b",
             "AWS_REGION": "ca-central-1", "AWS_DEFAULT_REGION": "eu-west-3"}
    env = d.env(cfg, cred, extra)
    got = {}
    for v in ("v1", "v2"):
        p = subprocess.run([sys.executable, "-c", V1_V2, v], env=env, cwd=d.work,
                           capture_output=True, text=True, timeout=60)
        got[v] = p.stdout.split() if p.returncode == 0 else None
    ch = d.chain(cfg, cred, extra)
    ours = [ch["profile"], ch["region"]["value"]]
    d.ok(got["v2"] == ours, "AWS CLI v2 reads %s from the environment, iamgate %s"
         % (got["v2"], ours))
    if got["v1"] is None:
        print("note: python3-botocore (botocore v1) is not installed: v1 not compared")
    else:
        d.ok(got["v1"] == ["role-b", "eu-west-3"], "botocore v1 reads %s" % got["v1"])
        print("note: botocore v1 reads profile %s, region %s (AWS_DEFAULT_PROFILE before "
              "AWS_PROFILE, no AWS_REGION); the AWS CLI v2 and iamgate %s, %s"
              % tuple(got["v1"] + ours))


def make_certs(work):
    def ossl(*a):
        subprocess.run(["openssl"] + list(a), cwd=work, check=True, capture_output=True)
    ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
         "-days", "1", "-subj", "/CN=iamgate differential test CA")
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr",
         "-subj", "/CN=sts.amazonaws.com")
    sans = ",".join(["DNS:sts.amazonaws.com"] + ["DNS:sts.%s.amazonaws.com" % r for r in REGIONS])
    with open(os.path.join(work, "ext"), "w") as f:
        f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\n" % sans)
    ossl("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
         "-CAcreateserial", "-out", "srv.pem", "-days", "1", "-extfile", "ext")


def deep_chain(work, n):
    """p0 -> p1 -> ... -> pn, pn with keys: n roles."""
    with open(os.path.join(work, "deep%d.config" % n), "w") as f:
        for i in range(n):
            f.write("[profile p%d]\nrole_arn = arn:aws:iam::111111111111:role/r%d\n"
                    "source_profile = p%d\n" % (i, i, i + 1))
    with open(os.path.join(work, "deep%d.credentials" % n), "w") as f:
        f.write("[p%d]\naws_access_key_id = AKIADEEPDIFF00000001\n"
                "aws_secret_access_key = TESTSECRETdeepdiff0001\n" % n)


def key_pairs(paths):
    """access key id -> secret key, from every section of the files."""
    import configparser
    pairs = {"AKIAENVDIFF000000001": "TESTSECRETenvdiff00001"}
    for p in paths:
        cp = configparser.RawConfigParser()
        try:
            cp.read(p)
        except (configparser.Error, UnicodeDecodeError):
            continue
        for sec in cp.sections():
            if cp.has_option(sec, "aws_access_key_id") and \
                    cp.has_option(sec, "aws_secret_access_key"):
                pairs[cp.get(sec, "aws_access_key_id")] = cp.get(sec, "aws_secret_access_key")
    return pairs


def secrets_of(paths):
    out = set()
    for p in paths:
        with open(p, errors="replace") as f:
            for line in f:
                k, sep, v = line.partition("=")
                if sep and k.strip().lower() in ("aws_secret_access_key", "aws_session_token"):
                    out.add(v.strip())
    return out | {"TESTSECRETenvdiff00001", "TESTSECRETprocdiff0001", "standin-secret",
                  "standin-token"}


def main():
    iamgate, aws, src, work = sys.argv[1:5]
    for k in [k for k in os.environ if k.startswith("AWS_")]:
        del os.environ[k]
    os.chdir(work)
    make_certs(work)
    d = Diff(iamgate, aws, work)
    d.standin = sts_standin.StandIn(os.path.join(work, "srv.pem"), os.path.join(work, "srv.key"))
    d.standin.start()
    sets = [("diff", "awscli/diff.config", "awscli/diff.credentials"),
            ("seed000", "golden/profile/seed000.config", "golden/profile/seed000.credentials"),
            ("seed004", "golden/profile/seed004.config", "golden/profile/seed004.credentials"),
            ("seed002", "golden/profile/seed002.config", "golden/profile/none"),
            ("broken", "golden/profile/broken.config", "golden/profile/broken.credentials"),
            ("ini", "golden/profile/ini.config", "golden/profile/none"),
            ("dup-key", "golden/profile/dup-key.config", "golden/profile/none"),
            ("binary", "golden/profile/binary.config", "golden/profile/none")]
    files = []
    for _, cfg, cred in sets:
        d.standin.secrets.update(key_pairs([os.path.join(src, cfg), os.path.join(src, cred)]))
    d.standin.secrets.update(key_pairs([os.path.join(src, "awscli/diff.config")]))
    d.standin.secrets["AKIADEEPDIFF00000001"] = "TESTSECRETdeepdiff0001"
    d.standin.secrets["AKIAPROCDIFF00000001"] = "TESTSECRETprocdiff0001"
    try:
        shutil.copy(os.path.join(src, "awscli/webtoken"), work)
        shutil.copy(os.path.join(src, "awscli/credproc.sh"), work)
        for name, cfg, cred in sets:
            c = os.path.join(work, name + ".config")
            shutil.copy(os.path.join(src, cfg), c)
            r = os.path.join(work, name + ".credentials")
            if os.path.exists(os.path.join(src, cred)):
                shutil.copy(os.path.join(src, cred), r)
                files.append(r)
            d.check_set(name, os.path.basename(c), os.path.basename(r))
            if name == "ini":
                # the same file without [plugins] (which [DEFAULT] breaks)
                with open(c) as f:
                    text = f.read().split("[plugins]")[0]
                with open(os.path.join(work, "ini2.config"), "w") as f:
                    f.write(text)
                d.check_set("ini without plugins", "ini2.config", os.path.basename(r))
        for n in (134, 135):
            deep_chain(work, n)
            d.check_set("chain of %d roles" % n, "deep%d.config" % n, "deep%d.credentials" % n,
                        only=("p0", "p%d" % (n - 1)))
            files.append(os.path.join(work, "deep%d.credentials" % n))
        d.check_env("diff.config", "diff.credentials")
        d.check_get("diff.config", "diff.credentials")
        check_v1_v2(d, "diff.config", "diff.credentials")
        d.check_list_cmd("diff.config", "diff.credentials")
    finally:
        d.standin.stop()
    leaked = [s for s in secrets_of(files) if any(s in o for o in d.outputs)]
    d.ok(not leaked, "iamgate printed a secret: %d of them" % len(leaked))
    refused = [e for e in d.standin.log if "refused" in e]
    d.ok(not refused, "the AWS CLI tried to reach something else: %s" % refused[:3])
    signed = [e for e in d.standin.log if e.get("signedBy")]
    bad = [e["signedBy"] for e in signed if e.get("signatureOk") is not True]
    d.ok(signed and not bad, "%d of %d signatures do not verify (keys %s)"
         % (len(bad), len(signed), sorted(set(bad))[:5]))
    assumed = [e for e in d.standin.log if e.get("params", {}).get("Action", "").startswith("Assume")]
    d.ok(len(assumed) >= 40, "only %d AssumeRole calls reached the stand-in" % len(assumed))
    print("%d checks, %d failed; %d AWS CLI runs, %d requests to the stand-in, %d of them "
          "AssumeRole" % (d.checks, d.failures, d.run_no, len(d.standin.log), len(assumed)))
    return 1 if d.failures else 0


if __name__ == "__main__":
    sys.exit(main())
