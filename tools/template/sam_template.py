#!/usr/bin/env python3
"""Read the SAM template the way the deploy tooling would, without the sam CLI or an AWS account.

Used by the template checks (tests/Automation.Template.Tests) and by the local cloud, so both see
the same state machines, substitutions and translated IAM roles.

    load(path)                      template dict; intrinsics as {"Ref": ..}, {"Fn::GetAtt": [..]}
    state_machines(path)            every state machine with its ASL, definition file and substitutions
    placeholders(definition_text)   the ${Name} placeholders an ASL text uses
    substitute(text, values)        DefinitionSubstitutions: ${Name} -> values[Name]
    translate(path, overrides)      SAM -> plain CloudFormation (samtranslator), ASL inlined
    fake_values(template, ...)      "X" / "X.Attr" / "AWS::Region" -> a well-formed fake value
    resolve(value, values)          evaluate Ref/GetAtt/Sub/Join/Select/Split with those values
    roles(translated, values)       every IAM role with its resolved policy documents

CLI (prints JSON):
    python3 tools/template/sam_template.py translate template.yaml [--param K=V]... [--region R]
    python3 tools/template/sam_template.py state-machines template.yaml
    python3 tools/template/sam_template.py fake-values template.yaml [--translated]
    python3 tools/template/sam_template.py roles template.yaml
    python3 tools/template/sam_template.py bundle template.yaml     (all of the above in one JSON)
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from cfnlint.decode import decode as cfn_decode

# Placeholders as written in ASL. The name group is deliberately loose ([^}]*) so that a typo such
# as ${Foo-Arn} is still found and reported instead of silently left in the definition.
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")

# What SAM CLI's build would upload; samtranslator only accepts S3 locations for code.
_DUMMY_CODE_URI = "s3://local-build-bucket/code.zip"

DEFAULT_REGION = "us-east-1"

STATE_MACHINE_TYPES = ("AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine")


def _plain(value: Any) -> Any:
    """cfn-lint returns str/dict subclasses that carry line marks; hand out plain Python values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _decode_file(path: Path) -> Any:
    """Parse a JSON or YAML file (CloudFormation short-form tags allowed) with cfn-lint's decoder."""
    template, matches = cfn_decode(str(path))
    if matches or template is None:
        details = "; ".join(str(m) for m in matches) or "empty document"
        raise ValueError(f"{path}: cannot parse: {details}")
    return _plain(template)


def load(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The template as a dict, with !Ref/!GetAtt/!Sub expanded to their long JSON forms."""
    template = _decode_file(Path(path))
    if not isinstance(template, dict):
        raise ValueError(f"{path}: a template must be a mapping")
    return template


def _local_definition_path(resource_type: str, props: dict[str, Any]) -> str | None:
    """The local file a state machine's definition comes from, or None (inline or already in S3)."""
    key = "DefinitionUri" if resource_type == "AWS::Serverless::StateMachine" else "DefinitionS3Location"
    uri = props.get(key)
    if isinstance(uri, str) and not uri.startswith("s3://"):
        return uri
    return None


def _read_definition(template_dir: Path, relative: str) -> tuple[str, dict[str, Any]]:
    file = template_dir / relative
    text = file.read_text(encoding="utf-8")
    definition = _decode_file(file)
    if not isinstance(definition, dict):
        raise ValueError(f"{file}: a state machine definition must be a mapping")
    return text, definition


def state_machines(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Every state machine of the template, in template order.

    Each entry: logicalId, type, definitionFile (relative to the template's folder, i.e. the repo
    root; None for an inline Definition), definitionText (the raw file text; None when inline),
    definition (parsed ASL with placeholders still in place), placeholders (the ${Name}s the ASL
    uses), substitutions (name -> raw value as written in the template, e.g.
    {"Fn::GetAtt": ["Fn", "Arn"]} or a plain string).
    """
    template_path = Path(path)
    template = load(template_path)
    found = []
    for logical_id, resource in (template.get("Resources") or {}).items():
        resource_type = resource.get("Type")
        if resource_type not in STATE_MACHINE_TYPES:
            continue
        props = resource.get("Properties") or {}
        relative = _local_definition_path(resource_type, props)
        if relative is not None:
            text, definition = _read_definition(template_path.parent, relative)
            definition_file: str | None = Path(relative).as_posix()
        elif isinstance(props.get("Definition"), dict):
            text, definition, definition_file = None, props["Definition"], None
        else:
            continue  # definition only in S3 or as a DefinitionString: nothing local to read
        found.append(
            {
                "logicalId": logical_id,
                "type": resource_type,
                "definitionFile": definition_file,
                "definitionText": text,
                "definition": definition,
                "placeholders": placeholders(text if text is not None else json.dumps(definition)),
                "substitutions": props.get("DefinitionSubstitutions") or {},
            }
        )
    return found


def placeholders(definition_text: str) -> list[str]:
    """Distinct ${Name} placeholder names in an ASL text, in order of first use."""
    seen: dict[str, None] = {}
    for match in _PLACEHOLDER.finditer(definition_text):
        seen.setdefault(match.group(1), None)
    return list(seen)


def substitute(definition_text: str, values: dict[str, str]) -> str:
    """Apply DefinitionSubstitutions: each ${Name} whose Name is in values becomes values[Name].

    Placeholders without a value are left as written, as the service does; use placeholders() to
    find them. Values are inserted verbatim (the caller JSON-escapes them if it needs to).
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(replace, definition_text)


def _inline_definitions(template: dict[str, Any], template_dir: Path) -> None:
    """Replace local definition files by the inlined definition, as `sam deploy` makes them reach
    CloudFormation (there as an S3 object; inline here so the output is self-contained)."""
    for resource in (template.get("Resources") or {}).values():
        resource_type = resource.get("Type")
        if resource_type not in STATE_MACHINE_TYPES:
            continue
        props = resource.get("Properties") or {}
        relative = _local_definition_path(resource_type, props)
        if relative is None:
            continue
        _, definition = _read_definition(template_dir, relative)
        if resource_type == "AWS::Serverless::StateMachine":
            del props["DefinitionUri"]
        else:
            del props["DefinitionS3Location"]
        props["Definition"] = definition


def _replace_local_code(template: dict[str, Any]) -> None:
    """Point local CodeUri/ContentUri at a dummy S3 object; samtranslator rejects local paths."""

    def fix(props: dict[str, Any], key: str) -> None:
        value = props.get(key)
        if value is not None and not (isinstance(value, str) and value.startswith("s3://")) and not (
            isinstance(value, dict) and "Bucket" in value
        ):
            props[key] = _DUMMY_CODE_URI

    global_function = (template.get("Globals") or {}).get("Function") or {}
    fix(global_function, "CodeUri")
    for resource in (template.get("Resources") or {}).values():
        props = resource.get("Properties")
        if not isinstance(props, dict):
            continue
        if resource.get("Type") == "AWS::Serverless::Function" and props.get("PackageType") != "Image":
            fix(props, "CodeUri")  # absent: InlineCode, or the Globals value fixed above
        elif resource.get("Type") == "AWS::Serverless::LayerVersion":
            fix(props, "ContentUri")


def _managed_policy_map(partition: str) -> dict[str, str]:
    """AWS managed policy name -> ARN, so Policies: [AWSXrayWriteOnlyAccess] translates offline
    (the sam CLI would ask IAM). samtranslator bundles the map; older versions lack it, then use
    the copy cfn-lint ships."""
    try:
        from samtranslator.internal.managed_policies import get_bundled_managed_policy_map

        bundled = get_bundled_managed_policy_map(partition)
        if bundled:
            return bundled
    except ImportError:
        pass
    from cfnlint.data import Serverless
    from cfnlint.helpers import load_resource

    return load_resource(Serverless, "ManagedPolicies.json")


def translate(
    path: str | os.PathLike[str],
    parameter_overrides: dict[str, str] | None = None,
    region: str = DEFAULT_REGION,
) -> dict[str, Any]:
    """SAM -> the plain CloudFormation template CloudFormation would receive (roles, policies,
    rules, state machines with DefinitionString + DefinitionSubstitutions)."""
    # Imported here: samtranslator is slow to import and not needed by the other functions.
    import boto3
    from samtranslator.parser.parser import Parser
    from samtranslator.public.exceptions import InvalidDocumentException
    from samtranslator.translator.translator import Translator

    logging.getLogger("samtranslator").setLevel(logging.ERROR)
    template_path = Path(path)
    template = copy.deepcopy(load(template_path))
    _inline_definitions(template, template_path.parent)
    _replace_local_code(template)

    translator = Translator(
        managed_policy_map=_managed_policy_map(_partition(region)),
        sam_parser=Parser(),
        boto_session=boto3.Session(region_name=region),
    )
    try:
        translated = translator.translate(
            sam_template=template,
            parameter_values=dict(parameter_overrides or {}),
            passthrough_metadata=True,
        )
    except InvalidDocumentException as error:
        causes = "; ".join(cause.message for cause in error.causes)
        raise ValueError(f"{path}: SAM transform failed: {causes}") from error
    return _plain(translated)


# --- Fake values for intrinsics -------------------------------------------------------------------
# The fake account/region/stack used wherever a check needs concrete ARNs.
FAKE_ACCOUNT = "123456789012"
FAKE_STACK = "ddb-automation"

# Per resource type: the property naming the physical resource, what Ref returns, and the
# attributes GetAtt can ask for. Formats see {partition} {region} {account} {name} {path}.
_FUNCTION = ("FunctionName", "{name}", {"Arn": "arn:{partition}:lambda:{region}:{account}:function:{name}"})
_STATE_MACHINE_ARN = "arn:{partition}:states:{region}:{account}:stateMachine:{name}"
_TABLE_ARN = "arn:{partition}:dynamodb:{region}:{account}:table/{name}"
_TABLE = (
    "TableName",
    "{name}",
    {"Arn": _TABLE_ARN, "StreamArn": _TABLE_ARN + "/stream/2024-01-01T00:00:00.000"},
)
_RESOURCE_FAKES: dict[str, tuple[str | None, str, dict[str, str]]] = {
    "AWS::Lambda::Function": _FUNCTION,
    "AWS::Serverless::Function": _FUNCTION,
    "AWS::StepFunctions::StateMachine": (
        "StateMachineName",
        _STATE_MACHINE_ARN,
        {"Arn": _STATE_MACHINE_ARN, "Name": "{name}"},
    ),
    "AWS::Serverless::StateMachine": ("Name", _STATE_MACHINE_ARN, {"Arn": _STATE_MACHINE_ARN, "Name": "{name}"}),
    "AWS::DynamoDB::Table": _TABLE,
    "AWS::DynamoDB::GlobalTable": _TABLE,
    "AWS::Serverless::SimpleTable": _TABLE,
    "AWS::IAM::Role": (
        "RoleName",
        "{name}",
        {"Arn": "arn:{partition}:iam::{account}:role{path}{name}", "RoleId": "AROAFAKE{name}"},
    ),
    "AWS::IAM::ManagedPolicy": (
        "ManagedPolicyName",
        "arn:{partition}:iam::{account}:policy{path}{name}",
        {"PolicyArn": "arn:{partition}:iam::{account}:policy{path}{name}"},
    ),
    "AWS::IAM::Policy": ("PolicyName", "{name}", {}),
    "AWS::Events::Rule": ("Name", "{name}", {"Arn": "arn:{partition}:events:{region}:{account}:rule/{name}"}),
    "AWS::Events::EventBus": ("Name", "{name}", {"Arn": "arn:{partition}:events:{region}:{account}:event-bus/{name}"}),
    "AWS::SNS::Topic": (
        "TopicName",
        "arn:{partition}:sns:{region}:{account}:{name}",
        {"TopicArn": "arn:{partition}:sns:{region}:{account}:{name}", "TopicName": "{name}"},
    ),
    "AWS::SQS::Queue": (
        "QueueName",
        "https://sqs.{region}.amazonaws.com/{account}/{name}",
        {"Arn": "arn:{partition}:sqs:{region}:{account}:{name}", "QueueName": "{name}"},
    ),
    "AWS::Logs::LogGroup": (
        "LogGroupName",
        "{name}",
        {"Arn": "arn:{partition}:logs:{region}:{account}:log-group:{name}:*"},
    ),
    "AWS::S3::Bucket": ("BucketName", "{name}", {"Arn": "arn:{partition}:s3:::{name}"}),
    "AWS::CloudWatch::Alarm": ("AlarmName", "{name}", {"Arn": "arn:{partition}:cloudwatch:{region}:{account}:alarm:{name}"}),
    "AWS::Scheduler::ScheduleGroup": (
        "Name",
        "{name}",
        {"Arn": "arn:{partition}:scheduler:{region}:{account}:schedule-group/{name}"},
    ),
    "AWS::Scheduler::Schedule": (
        "Name",
        "{name}",
        {"Arn": "arn:{partition}:scheduler:{region}:{account}:schedule/default/{name}"},
    ),
    "AWS::KMS::Key": (None, "{name}", {"Arn": "arn:{partition}:kms:{region}:{account}:key/{name}", "KeyId": "{name}"}),
}


class UnresolvableError(ValueError):
    """An intrinsic names something fake_values() has no value for (unknown type or attribute)."""


def _partition(region: str) -> str:
    return "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"


def fake_values(
    template: dict[str, Any],
    parameter_overrides: dict[str, str] | None = None,
    account: str = FAKE_ACCOUNT,
    region: str = DEFAULT_REGION,
    stack_name: str = FAKE_STACK,
    names: dict[str, str] | None = None,
) -> dict[str, str]:
    """Well-formed fake values for every pseudo parameter, parameter, resource (Ref) and known
    resource attribute of a SAM or plain CloudFormation template, keyed as Fn::Sub names them:
    "AWS::Region", "LogLevel", "MyFunction", "MyFunction.Arn".

    A resource's physical name is `names[logicalId]` if given, else its name property when that
    resolves (e.g. TableName: !Sub "${AWS::StackName}-incidents"), else its logical id.
    """
    partition = _partition(region)
    values = {
        "AWS::AccountId": account,
        "AWS::Region": region,
        "AWS::Partition": partition,
        "AWS::URLSuffix": "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com",
        "AWS::StackName": stack_name,
        "AWS::StackId": f"arn:{partition}:cloudformation:{region}:{account}:stack/{stack_name}/fake-stack-id",
        "AWS::NoValue": "",
    }
    for name, spec in (template.get("Parameters") or {}).items():
        if parameter_overrides and name in parameter_overrides:
            values[name] = str(parameter_overrides[name])
        elif isinstance(spec, dict) and "Default" in spec:
            default = spec["Default"]
            values[name] = ",".join(map(str, default)) if isinstance(default, list) else str(default)
    for logical_id, resource in (template.get("Resources") or {}).items():
        fakes = _RESOURCE_FAKES.get(resource.get("Type"))
        if fakes is None:
            continue  # resolving a Ref/GetAtt to it raises UnresolvableError naming the type
        name_property, ref_format, attributes = fakes
        props = resource.get("Properties") or {}
        name = (names or {}).get(logical_id)
        if name is None and name_property and name_property in props:
            try:
                name = str(resolve(props[name_property], values))
            except UnresolvableError:
                name = None
        name = name or logical_id
        path = props.get("Path") if isinstance(props.get("Path"), str) else "/"
        fields = {"partition": partition, "region": region, "account": account, "name": name, "path": path}
        values[logical_id] = ref_format.format(**fields)
        for attribute, attribute_format in attributes.items():
            values[f"{logical_id}.{attribute}"] = attribute_format.format(**fields)
    return values


def _lookup(values: dict[str, str], key: str, expression: Any) -> str:
    if key not in values:
        raise UnresolvableError(f"no value for {key!r} in {json.dumps(expression)}")
    return values[key]


def resolve(value: Any, values: dict[str, str]) -> Any:
    """Evaluate the intrinsics in value (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split)
    with the given values, recursively. Raises UnresolvableError for anything else."""
    if isinstance(value, list):
        return [resolve(item, values) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (key, arg), = value.items()
        if key == "Ref":
            return _lookup(values, arg, value)
        if key == "Fn::GetAtt":
            target = arg.split(".", 1) if isinstance(arg, str) else arg
            return _lookup(values, f"{target[0]}.{resolve(target[1], values)}", value)
        if key == "Fn::Sub":
            text, local = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
            scope = {**values, **{k: str(resolve(v, values)) for k, v in local.items()}}

            def sub(match: re.Match[str]) -> str:
                name = match.group(1)
                return "${" + name[1:] + "}" if name.startswith("!") else _lookup(scope, name, value)

            return _PLACEHOLDER.sub(sub, text)
        if key == "Fn::Join":
            return str(arg[0]).join(str(part) for part in resolve(arg[1], values))
        if key == "Fn::Select":
            return resolve(arg[1], values)[int(resolve(arg[0], values))]
        if key == "Fn::Split":
            return str(resolve(arg[1], values)).split(arg[0])
        if key.startswith("Fn::") or key == "Condition":
            raise UnresolvableError(f"{key} is not supported in {json.dumps(value)}")
    return {k: resolve(v, values) for k, v in value.items()}


def roles(translated: dict[str, Any], values: dict[str, str]) -> list[dict[str, Any]]:
    """Every AWS::IAM::Role of a translated template with everything attached to it, resolved:
    logicalId, arn, assumedBy (service principals), managedPolicyArns (outside the template),
    policies [{name, source, document}] from inline Policies, AWS::IAM::Policy and template
    AWS::IAM::ManagedPolicy resources."""
    resources = translated.get("Resources") or {}
    found: dict[str, dict[str, Any]] = {}
    for logical_id, resource in resources.items():
        if resource.get("Type") != "AWS::IAM::Role":
            continue
        props = resource.get("Properties") or {}
        assumed_by = []
        for statement in (props.get("AssumeRolePolicyDocument") or {}).get("Statement", []):
            services = (statement.get("Principal") or {}).get("Service", [])
            assumed_by += services if isinstance(services, list) else [services]
        found[logical_id] = {
            "logicalId": logical_id,
            "arn": values.get(f"{logical_id}.Arn"),
            "assumedBy": [resolve(s, values) for s in assumed_by],
            "managedPolicyArns": [],
            "policies": [
                {
                    "name": resolve(policy.get("PolicyName"), values),
                    "source": f"{logical_id}.Policies",
                    "document": resolve(policy.get("PolicyDocument"), values),
                }
                for policy in props.get("Policies") or []
            ],
        }
        for arn in props.get("ManagedPolicyArns") or []:
            ref = arn.get("Ref") if isinstance(arn, dict) else None
            if ref in resources and resources[ref].get("Type") == "AWS::IAM::ManagedPolicy":
                continue  # attached below with its document
            found[logical_id]["managedPolicyArns"].append(resolve(arn, values))
    for logical_id, resource in resources.items():
        if resource.get("Type") not in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            continue
        props = resource.get("Properties") or {}
        attached = [r.get("Ref") for r in props.get("Roles") or [] if isinstance(r, dict)]
        attached += [
            role_id
            for role_id, role in resources.items()
            if role.get("Type") == "AWS::IAM::Role"
            and {"Ref": logical_id} in ((role.get("Properties") or {}).get("ManagedPolicyArns") or [])
        ]
        for role_id in dict.fromkeys(attached):
            if role_id in found:
                found[role_id]["policies"].append(
                    {
                        "name": resolve(props.get("PolicyName") or props.get("ManagedPolicyName") or logical_id, values),
                        "source": logical_id,
                        "document": resolve(props.get("PolicyDocument"), values),
                    }
                )
    return list(found.values())


def bundle(
    path: str | os.PathLike[str],
    parameter_overrides: dict[str, str] | None = None,
    account: str = FAKE_ACCOUNT,
    region: str = DEFAULT_REGION,
) -> dict[str, Any]:
    """Everything the template checks read, from one process (samtranslator is slow to import):
    template, stateMachines (each also with fakeSubstitutions, unresolvedSubstitutions and
    substitutedText: the ASL with fake values in), fakeValues (of the SAM template), translated,
    translatedFakeValues, roles (of the translated template, resolved), managedPolicies (every
    AWS::IAM::ManagedPolicy's document, resolved: e.g. a permissions boundary no role of the template uses)."""
    template = load(path)
    values = fake_values(template, parameter_overrides, account, region)
    machines = state_machines(path)
    for machine in machines:
        resolved, unresolved = {}, {}
        for name, raw in machine["substitutions"].items():
            try:
                resolved[name] = str(resolve(raw, values))
            except UnresolvableError as error:
                unresolved[name] = str(error)
        text = machine["definitionText"] if machine["definitionText"] is not None else json.dumps(machine["definition"])
        machine["fakeSubstitutions"] = resolved
        machine["unresolvedSubstitutions"] = unresolved
        machine["substitutedText"] = substitute(text, resolved)
    translated = translate(path, parameter_overrides, region)
    translated_values = fake_values(translated, parameter_overrides, account, region)
    return {
        "template": template,
        "stateMachines": machines,
        "fakeValues": values,
        "translated": translated,
        "translatedFakeValues": translated_values,
        "roles": roles(translated, translated_values),
        "managedPolicies": {
            logical_id: resolve((resource.get("Properties") or {}).get("PolicyDocument"), translated_values)
            for logical_id, resource in (translated.get("Resources") or {}).items()
            if resource.get("Type") == "AWS::IAM::ManagedPolicy"
        },
    }


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise SystemExit(f"--param expects K=V, got {pair!r}")
        params[key] = value
    return params


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["translate", "state-machines", "fake-values", "roles", "bundle"])
    parser.add_argument("template")
    parser.add_argument("--param", action="append", default=[], metavar="K=V", help="parameter override")
    parser.add_argument("--region", default=DEFAULT_REGION, help="region for the transform and fake ARNs")
    parser.add_argument("--account", default=FAKE_ACCOUNT, help="account id in fake ARNs")
    parser.add_argument("--translated", action="store_true", help="fake-values of the translated template")
    args = parser.parse_args(argv)
    try:
        params = _parse_params(args.param)
        if args.command == "translate":
            result: Any = translate(args.template, params, args.region)
        elif args.command == "state-machines":
            result = state_machines(args.template)
        elif args.command == "bundle":
            result = bundle(args.template, params, args.account, args.region)
        else:
            source = translate(args.template, params, args.region) if args.command == "roles" or args.translated else load(args.template)
            values = fake_values(source, params, args.account, args.region)
            result = values if args.command == "fake-values" else roles(source, values)
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        json.dump(result, sys.stdout, indent=2)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
