#!/usr/bin/env python3
"""gen-bootstrap-list.py TEMPLATE COMMIT - write policies/amplify/lists/gen2-bootstrap.json.

Run once by hand (it is not part of the build), on the CDK bootstrap
template of the aws-cdk-cli repository:
    git show COMMIT:packages/aws-cdk/lib/api/bootstrap/bootstrap-template.yaml > /tmp/bt.yaml
    python3 policies/amplify/gen-bootstrap-list.py /tmp/bt.yaml COMMIT

The first `npx ampx sandbox` (or `cdk bootstrap`) in an account and Region
deploys that template as the stack CDKToolkit. The deployer's credentials
make every call: the CLI's own calls on the stack (change set, describe),
and CloudFormation's calls for each resource it creates, made with the
same credentials (so the request carries aws:CalledVia
cloudformation.amazonaws.com: "via": "cloudformation").

What this script adds, written down here:
  - ACTIONS_OF: per resource type, the create/update/delete/tag calls
    CloudFormation makes (its resource handlers' permissions), some of
    them only when the resource has a property (a role's Policies,
    ManagedPolicyArns, Tags, PermissionsBoundary);
  - ARN_OF: per resource, its ARN with the default qualifier hnb659fds
    (a resource not named here is checked on the catalog's pattern);
  - SKIPPED: resources the default bootstrap does not create.
Every resource of the template must be in exactly one of them, else the
script fails: a new template version is not written silently.
"""
import json
import os
import sys

import yaml

QUALIFIER = 'hnb659fds'
STACK = 'arn:${Partition}:cloudformation:${Region}:${Account}:stack/CDKToolkit/*'

# the CLI's own calls on the CDKToolkit stack (cdk bootstrap deploys it
# through a change set, and reads the stack before and after)
STACK_ACTIONS = ['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents',
                 'cloudformation:GetTemplate', 'cloudformation:CreateChangeSet',
                 'cloudformation:DescribeChangeSet', 'cloudformation:ExecuteChangeSet',
                 'cloudformation:DeleteChangeSet']

# type -> [(action, property the call needs or None)]
ACTIONS_OF = {
    'AWS::KMS::Key': [('kms:CreateKey', None), ('kms:DescribeKey', None),
                      ('kms:PutKeyPolicy', 'KeyPolicy'), ('kms:GetKeyPolicy', None),
                      ('kms:ListResourceTags', None), ('kms:TagResource', None),
                      ('kms:UntagResource', None), ('kms:UpdateKeyDescription', None),
                      ('kms:ScheduleKeyDeletion', None)],
    'AWS::KMS::Alias': [('kms:CreateAlias', None), ('kms:UpdateAlias', None),
                        ('kms:DeleteAlias', None), ('kms:ListAliases', None)],
    'AWS::S3::Bucket': [('s3:CreateBucket', None), ('s3:PutBucketAcl', 'AccessControl'),
                        ('s3:PutEncryptionConfiguration', 'BucketEncryption'),
                        ('s3:PutBucketPublicAccessBlock', 'PublicAccessBlockConfiguration'),
                        ('s3:PutBucketVersioning', 'VersioningConfiguration'),
                        ('s3:PutLifecycleConfiguration', 'LifecycleConfiguration'),
                        ('s3:PutBucketTagging', None), ('s3:GetBucketLocation', None)],
    'AWS::S3::BucketPolicy': [('s3:PutBucketPolicy', None), ('s3:GetBucketPolicy', None),
                              ('s3:DeleteBucketPolicy', None)],
    'AWS::ECR::Repository': [('ecr:CreateRepository', None), ('ecr:DescribeRepositories', None),
                             ('ecr:PutImageTagMutability', 'ImageTagMutability'),
                             ('ecr:PutLifecyclePolicy', 'LifecyclePolicy'),
                             ('ecr:SetRepositoryPolicy', 'RepositoryPolicyText'),
                             ('ecr:TagResource', None), ('ecr:UntagResource', None),
                             ('ecr:ListTagsForResource', None), ('ecr:DeleteRepository', None)],
    'AWS::IAM::Role': [('iam:CreateRole', None), ('iam:GetRole', None),
                       ('iam:UpdateAssumeRolePolicy', None), ('iam:DeleteRole', None),
                       ('iam:PutRolePolicy', 'Policies'), ('iam:GetRolePolicy', 'Policies'),
                       ('iam:DeleteRolePolicy', 'Policies'),
                       ('iam:AttachRolePolicy', 'ManagedPolicyArns'),
                       ('iam:DetachRolePolicy', 'ManagedPolicyArns'),
                       ('iam:PutRolePermissionsBoundary', 'PermissionsBoundary'),
                       ('iam:DeleteRolePermissionsBoundary', 'PermissionsBoundary'),
                       ('iam:TagRole', 'Tags'), ('iam:UntagRole', 'Tags')],
    'AWS::IAM::Policy': [('iam:PutRolePolicy', None), ('iam:GetRolePolicy', None),
                         ('iam:DeleteRolePolicy', None)],
    'AWS::SSM::Parameter': [('ssm:PutParameter', None), ('ssm:GetParameters', None),
                            ('ssm:AddTagsToResource', None),
                            ('ssm:RemoveTagsFromResource', None), ('ssm:DeleteParameter', None)],
}

Q = QUALIFIER
ROLE = 'arn:${Partition}:iam::${Account}:role/cdk-' + Q + '-%s-role-${Account}-${Region}'
ARN_OF = {
    'StagingBucket': 'arn:${Partition}:s3:::cdk-' + Q + '-assets-${Account}-${Region}',
    'StagingBucketPolicy': 'arn:${Partition}:s3:::cdk-' + Q + '-assets-${Account}-${Region}',
    'ContainerAssetsRepository':
        'arn:${Partition}:ecr:${Region}:${Account}:repository/cdk-' + Q + '-container-assets-${Account}-${Region}',
    'FilePublishingRole': ROLE % 'file-publishing',
    'ImagePublishingRole': ROLE % 'image-publishing',
    'LookupRole': ROLE % 'lookup',
    'DeploymentActionRole': ROLE % 'deploy',
    'CloudFormationExecutionRole': ROLE % 'cfn-exec',
    'FilePublishingRoleDefaultPolicy': ROLE % 'file-publishing',
    'ImagePublishingRoleDefaultPolicy': ROLE % 'image-publishing',
    'CdkBootstrapVersion': 'arn:${Partition}:ssm:${Region}:${Account}:parameter/cdk-bootstrap/' + Q + '/version',
    'FileAssetsBucketEncryptionKeyAlias': 'arn:${Partition}:kms:${Region}:${Account}:alias/cdk-' + Q + '-assets-key',
}
# created only on request: cdk bootstrap --example-permissions-boundary
SKIPPED = {'CdkBoostrapPermissionsBoundaryPolicy'}
# conditions that hold for the default bootstrap (no parameters given)
DEFAULT_TRUE = {'CreateNewKey'}
# actions that take no resource ARN (checked on "*")
NO_RESOURCE = {'kms:CreateKey', 'kms:ListAliases', 'ecr:DescribeRepositories'}


class Loader(yaml.SafeLoader):
    pass


def main():
    tmpl_path, commit = sys.argv[1], sys.argv[2]
    t = yaml.load(open(tmpl_path), Loader=Loader)
    version = t['Outputs']['BootstrapVersion']['Value']
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lists',
                       'gen2-bootstrap.json')
    entries, by_action = [], {}
    for a in STACK_ACTIONS:
        entries.append({'action': a, 'categories': ['core'],
                        'source': 'the CDKToolkit stack', 'resources': [STACK]})
    for name, r in t['Resources'].items():
        if name in SKIPPED:
            continue
        cond = r.get('Condition')
        if cond and cond not in DEFAULT_TRUE:
            sys.exit('%s: condition %s is not in DEFAULT_TRUE or SKIPPED' % (name, cond))
        kind = r['Type']
        if kind not in ACTIONS_OF:
            sys.exit('%s: resource type %s has no ACTIONS_OF' % (name, kind))
        props = r.get('Properties', {})
        for a, prop in ACTIONS_OF[kind]:
            if prop and prop not in props:
                continue
            # one entry per action: the resources it is called on
            e = by_action.get(a)
            if not e:
                e = by_action[a] = {'action': a, 'categories': ['core'], 'source': [],
                                    'via': 'cloudformation', 'resources': [], 'note': []}
                entries.append(e)
            e['source'].append('%s (%s)' % (name, kind))
            if a not in NO_RESOURCE and name in ARN_OF and ARN_OF[name] not in e['resources']:
                e['resources'].append(ARN_OF[name])
            if cond:
                e['note'].append('%s: when %s (the default: a new key for the assets bucket)' % (name, cond))
    for e in by_action.values():
        e['source'] = 'Resource ' + ', '.join(e['source'])
        for k in ('resources', 'note'):
            if not e[k]:
                del e[k]
        if 'note' in e:
            e['note'] = '; '.join(e['note'])
    lst = {'name': 'gen2-bootstrap',
           'title': 'CDK bootstrap template, version %s (aws-cdk-cli %s): creating the CDKToolkit stack '
                    '(the first npx ampx sandbox in an account and Region)' % (version, commit[:8]),
           'generation': 2,
           'source': 'https://github.com/aws/aws-cdk-cli/blob/%s/packages/aws-cdk/lib/api/bootstrap/bootstrap-template.yaml' % commit,
           'snapshot': 'bootstrap-template.yaml (version %s), not kept: read from the repository at that commit' % version}
    with open(out, 'w') as f:
        f.write('{\n')
        for k in ('name', 'title', 'generation', 'source', 'snapshot'):
            f.write('  %s: %s,\n' % (json.dumps(k), json.dumps(lst[k])))
        f.write('  "entries": [\n')
        f.write(',\n'.join('    ' + json.dumps(e) for e in entries))
        f.write('\n  ]\n}\n')


if __name__ == '__main__':
    main()
