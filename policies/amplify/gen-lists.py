#!/usr/bin/env python3
"""gen-lists.py FIXTURES_DIR - write policies/amplify/lists/*.json.

Run once by hand (it is not part of the build):
    python3 policies/amplify/gen-lists.py ../shared/fixtures/amplify-iam-policies

FIXTURES_DIR holds verbatim snapshots of the Amplify CLI documentation's
"IAM Policy" page and of the two AWS managed policies (see its README).
Every list keeps each action pattern exactly as its document gives it, with
the statement it came from; what iamgate adds is written down per entry:
  - "categories": which Amplify categories need the action (CATEGORY_OF
    below: by service, then by statement for the managed policy's SSR and
    Geo statements);
  - "via": "cloudformation" when AdministratorAccess-Amplify grants the
    action only through CloudFormation (its CLIManageviaCFNPolicy
    statement, aws:CalledVia cloudformation.amazonaws.com): CloudFormation
    makes that call with the deployer's credentials while the stack deploys;
  - "resources": the statement's own Resource when it is not "*", with
    region and account made placeholders.
"""
import json
import os
import re
import sys

# service -> categories, the first being the one a finding is filed under
CATEGORY_OF = {
    'cloudformation': ['core'], 'iam': ['core'], 'amplify': ['core'],
    'amplifybackend': ['core'], 'amplifyuibuilder': ['core'],
    'sts': ['core'], 'ssm': ['core'],
    's3': ['core', 'storage', 'hosting'],
    'cognito-idp': ['auth'], 'cognito-identity': ['auth'], 'sns': ['auth'],
    'appsync': ['api'], 'apigateway': ['api'], 'es': ['api'],
    'dynamodb': ['api', 'storage'],
    'lambda': ['function', 'auth'], 'events': ['function'],
    'logs': ['function'], 'ecr': ['function'],
    'cloudfront': ['hosting'], 'route53': ['hosting'], 'sqs': ['hosting'],
    'codecommit': ['hosting'],
    'kinesis': ['analytics'], 'mobiletargeting': ['analytics', 'notifications'],
    'lex': ['interactions'],
    'rekognition': ['predictions'], 'polly': ['predictions'],
    'geo': ['geo'],
    'rds': ['api'], 'ec2': ['api'],
}
# statements of AdministratorAccess-Amplify whose every action serves one category
CATEGORY_OF_SID = {'AmplifySSRCalls': ['hosting'], 'AmplifySSRViewLogGroups': ['hosting'],
                   'AmplifySSRCreateLogGroup': ['hosting'], 'AmplifySSRPushLogs': ['hosting'],
                   'GeoPowerUser': ['geo']}
# Gen 2 (AmplifyBackendDeployFullAccess): by statement
GEN2_SID = {'CDKPreDeploy': ['core'], 'AmplifyMetadata': ['core'], 'CDKDeploy': ['core'],
            'AmplifySSM': ['core'], 'AmplifyModifySSMParam': ['core'], 'AmplifySchema': ['core'],
            'AmplifyHotSwappableResources': ['api'],
            'AmplifyHotSwappableFunctionResource': ['function'],
            'AmplifySandboxLambdaLogsStreamingListTags': ['function'],
            'AmplifySandboxLambdaLogsStreamingFilterLogEvents': ['function'],
            'AmplifyDiscoverRDSVpcConfig': ['api']}

LISTS = [
    ('cli-2020', 'amplify-cli-docs-2020-03-04_15917b98.json', 1,
     'Amplify CLI docs "IAM Policy", 2020-03-04',
     'https://github.com/aws-amplify/docs/blob/15917b980c19ac8b7aada4eaafe8956d942cb0d3/docs/cli/usage/iam.md'),
    ('cli-2021', 'amplify-cli-docs-2021-10-07_544a538b.json', 1,
     'Amplify CLI docs "IAM Policy", 2021-10-07',
     'https://github.com/aws-amplify/docs/blob/544a538bca25d57fe3e4b5e71efd60f2744749ae/docs/cli/usage/iam.md'),
    ('cli-2022', 'amplify-cli-docs-2022-06-24_1075a6f8.json', 1,
     'Amplify CLI docs "IAM Policy", 2022-06-24: the last flat list',
     'https://github.com/aws-amplify/docs/blob/1075a6f8763b2e59a21b7d71ac4defbe8a27224a/src/pages/cli/reference/iam.mdx'),
    ('cli-2022-11', 'amplify-cli-docs-2022-11-11_85209ab8_asterisks-stripped.json', 1,
     'Amplify CLI docs "IAM Policy", 2022-11-11 (the page\'s lost \'*\' restored)',
     'https://github.com/aws-amplify/docs/blob/85209ab8eacafd47e9131d3e3ba235b31180b0ca/src/pages/cli/reference/iam.mdx'),
    ('admin-amplify', 'aws-managed_AdministratorAccess-Amplify.json', 1,
     'AWS managed policy AdministratorAccess-Amplify, v12 (2024-04-04)',
     'arn:aws:iam::aws:policy/AdministratorAccess-Amplify'),
    ('gen2', 'aws-managed_AmplifyBackendDeployFullAccess.json', 2,
     'AWS managed policy AmplifyBackendDeployFullAccess, v9 (2024-11-14): Gen 2 deploys (npx ampx)',
     'arn:aws:iam::aws:policy/service-role/AmplifyBackendDeployFullAccess'),
]


def doc_of(path):
    d = json.load(open(path))
    return d['PolicyVersion']['Document'] if 'PolicyVersion' in d else d


def as_list(v):
    return [v] if isinstance(v, str) else list(v)


def restore(s):
    """The 2022-11-11 page lost every '*' (markdown ate them)."""
    if s.endswith(':') and s.count(':') == 1:
        return s + '*', True
    if s.endswith('/') or s.endswith('-'):
        return s + '*', True
    return s, False


def template_resource(r):
    """arn:aws:svc:*:*:rest -> placeholders for region/account."""
    m = re.match(r'^arn:aws:([^:]*):([^:]*):([^:]*):(.*)$', r)
    if not m:
        return r
    svc, region, account, rest = m.groups()
    region = '${Region}' if region == '*' else region
    account = '${Account}' if account == '*' else account
    if svc == 'cloudformation' and rest.startswith('stack/amplify-'):
        rest = 'stack/${StackPrefix}' + rest[len('stack/amplify-'):]
    return 'arn:${Partition}:%s:%s:%s:%s' % (svc, region, account, rest)


# Entries of the documents that are no IAM action (the catalog has no such
# action, so no policy can allow them and a check would always fail): left
# out of the list, and kept in its "dropped" with the reason.
NOT_ACTIONS = {
    's3:putpublicaccessblock':
        "not an IAM action: the S3 API PutPublicAccessBlock is authorized by "
        "s3:PutBucketPublicAccessBlock (on a bucket) or s3:PutAccountPublicAccessBlock, "
        "which this list does not name (AdministratorAccess-Amplify has s3:PutBucketPublicAccessBlock)",
    'lambda:getlayerversionbyarn':
        "not an IAM action: the Lambda API GetLayerVersionByArn is authorized by "
        "lambda:GetLayerVersion, which this list has",
}


def main():
    fixtures = sys.argv[1]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lists')
    admin = doc_of(os.path.join(fixtures, 'aws-managed_AdministratorAccess-Amplify.json'))
    cfn_only, direct = set(), set()
    for st in admin['Statement']:
        acts = {a.lower() for a in as_list(st.get('Action', []))}
        if st.get('Sid') == 'CLIManageviaCFNPolicy':
            cfn_only |= acts
        else:
            direct |= acts
    cfn_only -= direct

    for name, fname, gen, title, url in LISTS:
        doc = doc_of(os.path.join(fixtures, fname))
        entries, dropped = [], []
        for i, st in enumerate(doc['Statement']):
            sid = st.get('Sid')
            where = 'Statement %s' % (sid if sid else '#%d' % (i + 1))
            res = [r for r in as_list(st.get('Resource', '*'))]
            restored_res, res_note = [], None
            for r in res:
                if name == 'cli-2022-11' and r != '*':
                    # the same statement of AdministratorAccess-Amplify,
                    # whose '*' survived
                    for ast in admin['Statement']:
                        for ar in as_list(ast.get('Resource', [])):
                            if ast.get('Sid') == sid and ar.replace('*', '') == r:
                                res_note = "the page's Resource lost its '*' (as in AdministratorAccess-Amplify's statement %s)" % sid
                                r = ar
                restored_res.append(r)
            scoped = [template_resource(r) for r in restored_res if r != '*']
            for a in as_list(st['Action']):
                note = None
                if name == 'cli-2022-11':
                    a2, fixed = restore(a)
                    if fixed:
                        note = "the page reads '%s': its '*' was lost" % a
                    a = a2
                svc = a.split(':')[0].lower()
                if gen == 2:
                    cats = GEN2_SID.get(sid, CATEGORY_OF.get(svc, ['core']))
                else:
                    cats = CATEGORY_OF_SID.get(sid, CATEGORY_OF.get(svc, ['core']))
                if a.lower() in NOT_ACTIONS:
                    dropped.append({'action': a, 'source': where,
                                    'note': NOT_ACTIONS[a.lower()]})
                    continue
                e = {'action': a, 'categories': cats, 'source': where}
                if gen == 1 and a.lower() in cfn_only and (name != 'admin-amplify' or sid == 'CLIManageviaCFNPolicy'):
                    e['via'] = 'cloudformation'
                if sid and sid.startswith('AmplifySSR'):
                    # Amplify Hosting's compute, for SSR apps: not what
                    # S3AndCloudFront hosting deploys
                    e['hosting'] = 'ssr'
                if scoped:
                    e['resources'] = scoped
                if res_note:
                    note = note + '; ' + res_note if note else res_note
                if note:
                    e['note'] = note
                entries.append(e)
        lst = {'name': name, 'title': title, 'generation': gen, 'source': url,
               'snapshot': fname, 'entries': entries}
        with open(os.path.join(out, name + '.json'), 'w') as f:
            f.write('{\n')
            for k in ('name', 'title', 'generation', 'source', 'snapshot'):
                f.write('  %s: %s,\n' % (json.dumps(k), json.dumps(lst[k])))
            f.write('  "entries": [\n')
            f.write(',\n'.join('    ' + json.dumps(e) for e in entries))
            if dropped:
                f.write('\n  ],\n  "dropped": [\n')
                f.write(',\n'.join('    ' + json.dumps(e) for e in dropped))
            f.write('\n  ]\n}\n')


if __name__ == '__main__':
    main()
