#!/usr/bin/env python3
"""Read the SAM template the way the deploy tooling would, without the sam CLI or an AWS account.

Used by the template checks (tests/Automation.Template.Tests) and by the local cloud, so both see
the same state machines, substitutions and translated IAM roles.

    load(path)                      template dict; intrinsics as {"Ref": ..}, {"Fn::GetAtt": [..]}
    state_machines(path)            every state machine with its ASL, definition file and substitutions
    placeholders(definition_text)   the ${Name} placeholders an ASL text uses
    substitute(text, values)        DefinitionSubstitutions: ${Name} -> values[Name]
    translate(path, overrides)      SAM -> plain CloudFormation (samtranslator), ASL inlined

CLI (prints JSON):
    python3 tools/template/sam_template.py translate template.yaml [--param K=V]... [--region R]
    python3 tools/template/sam_template.py state-machines template.yaml
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
    definition (parsed ASL with placeholders still in place), substitutions (name -> raw value as
    written in the template, e.g. {"Fn::GetAtt": ["Fn", "Arn"]} or a plain string).
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


def translate(
    path: str | os.PathLike[str],
    parameter_overrides: dict[str, str] | None = None,
    region: str = DEFAULT_REGION,
) -> dict[str, Any]:
    """SAM -> the plain CloudFormation template CloudFormation would receive (roles, policies,
    rules, state machines with DefinitionString + DefinitionSubstitutions)."""
    # Imported here: samtranslator is slow to import and not needed by the other functions.
    import boto3
    from samtranslator.internal.managed_policies import get_bundled_managed_policy_map
    from samtranslator.parser.parser import Parser
    from samtranslator.public.exceptions import InvalidDocumentException
    from samtranslator.translator.translator import Translator

    logging.getLogger("samtranslator").setLevel(logging.ERROR)
    template_path = Path(path)
    template = copy.deepcopy(load(template_path))
    _inline_definitions(template, template_path.parent)
    _replace_local_code(template)

    partition = "aws-cn" if region.startswith("cn-") else "aws-us-gov" if region.startswith("us-gov-") else "aws"
    translator = Translator(
        managed_policy_map=get_bundled_managed_policy_map(partition),
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
    parser.add_argument("command", choices=["translate", "state-machines"])
    parser.add_argument("template")
    parser.add_argument("--param", action="append", default=[], metavar="K=V", help="parameter override")
    parser.add_argument("--region", default=DEFAULT_REGION, help="region for the SAM transform")
    args = parser.parse_args(argv)
    try:
        if args.command == "translate":
            result: Any = translate(args.template, _parse_params(args.param), args.region)
        else:
            result = state_machines(args.template)
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
