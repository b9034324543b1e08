#!/usr/bin/env python3
"""Starts moto's server for the project's local cloud (see tools/localcloud/README.md).

What this adds to a plain `moto_server`:
  * The Step Functions interpreter is switched on (and Lambda's Docker runner off) in-process,
    before the server accepts its first request, so nothing can be created before it is on.
  * moto 5.2.1 fails every StartExecution after the first in a region with HTTP 500
    "cannot pickle '_thread.RLock' object": StartExecution deep-copies the state machine, which
    holds the backend (locks) and every past execution (threads). StateMachine gets a
    __deepcopy__ that shares those references and starts the clone with no executions.
  * A definite JSONPath through an array index (e.g. $.Items[0].name) yields the value, as in AWS;
    moto 5.2.1 wraps it in a list (its fix for filter queries, getmoto/moto#7825, also catches these).
  * Query and Scan pages stop where DynamoDB's do: before the item that would take the items read
    past 1 MB = 1,048,576 bytes, sized as DynamoDB sizes items ("Item sizes and formats": numbers
    by significant digits, binary by raw bytes, 3 bytes per list/map plus 1 per element). moto 5.2.1
    stops at 1,000,000 bytes of its own estimate (numbers as their text, no list/map overhead).
  * A Deny statement whose Condition is not met does not apply, as IAM evaluates it; moto 5.2.1
    takes a condition on a key the request does not carry (it supplies none to bucket policies) as
    met, and an unmet one as an explicit deny. With that, the usual bucket policy "deny s3:* when
    aws:SecureTransport is false" (the query-runbook results bucket has one) denied every object
    request. Now such a conditional deny never applies locally, as for AWS clients, which use HTTPS.
  * StopExecution ends the run at once, as in AWS: ABORTED (with the request's error and cause, which
    moto 5.2.1 drops), an ExecutionAborted history event, and no state after it. moto 5.2.1 only flags
    the program as stopped: a task waiting for a task token kept the run RUNNING until the token was
    used or timed out, its wake-up was reported as a failure (the run ended FAILED), and events kept
    being added. Now the waiting task is woken, nothing is added to the history after ExecutionAborted,
    and the run's end is not reported again. SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat
    with a token of a run that has ended fail with TaskTimedOut, as in AWS (moto accepted a
    SendTaskFailure silently and answered InvalidToken to the others).
  * aws-sdk task errors are named as in AWS, `<Service>.<Exception>` with the service in Step Functions'
    spelling (`Iam.NoSuchEntityException`, `S3.NoSuchKeyException`); moto 5.2.1 knows only DynamoDb and Sfn
    and otherwise uses the ARN's segment as written (`iam.NoSuchEntityException`).
  * DynamoDB writes are atomic, as DynamoDB's are: moto 5.2.1 evaluates a ConditionExpression and then
    writes without a lock, so two concurrent conditional writes (two approvals of one request) could
    both succeed. PutItem, UpdateItem, DeleteItem and TransactWriteItems now run one at a time.
  * Step Functions' own integrations (`arn:aws:states:::states:startExecution`, `aws-sdk:sfn:*`) take and give
    AWS's names: moto 5.2.1 passed `StateMachineArn` to botocore as is (which wants `stateMachineArn`: every
    call failed with States.Runtime KeyError) and answered `executionArn` instead of `ExecutionArn`.
  * Application Auto Scaling's aws-sdk integration (`aws-sdk:applicationautoscaling:*`, the throttling and posture
    workflows' DescribeScalableTargets) reaches moto's application-autoscaling backend: moto 5.2.1 looked the ARN's service up
    in boto3 as written and failed with States.Runtime "Unknown service: 'applicationautoscaling'".
  * DescribeAlarms pages as CloudWatch does: alarms in name order, at most MaxRecords (1-100, default 50) a
    page, and a NextToken while more follow (here: the last name of the page, so an alarm deleted between pages
    skips nothing). moto 5.2.1 answered every alarm in one page and ignored MaxRecords and NextToken, so a
    paging loop was never exercised and a large account's page overran the 256 KB state limit locally only.
  * POST /_localcloud/cloudwatch/forget-metrics {"dimension": "TableName", "value": "Orders"} drops every
    datapoint carrying that dimension (all accounts and regions) and answers {"removed": N}. CloudWatch has
    no API that deletes datapoints; the scenario runner calls this when a play recreates a table, so the
    play sees only the metrics it arranges, not those an earlier play in the same local cloud put for a
    table of the same name.
  * Binds a free port itself (port 0) and prints one JSON line {"ready": true, "port": N} on
    stdout once it listens, so the caller never races for a port nor polls for readiness.
  * MOTO_PORT (where the interpreter sends its Lambda and aws-sdk calls) is the --router-port,
    so the C# router sees those calls; without it moto would call itself.
  * Warms up in the background once ready (backends, the ASL parser, the boto3 clients the
    interpreter creates per task), so the first deploy and the first execution do not pay for
    moto's lazy imports one request at a time.
  * Exits when its stdin closes: if the process that started it dies, even by SIGKILL, moto does
    not outlive it.
"""
from __future__ import annotations

import argparse
import copy
import json
import logging
import os
import re
import signal
import sys
import threading

INSTALL_HINT = (
    f"moto[server] 5.2.1 is required for the local cloud and {sys.executable} cannot import it: "
    "run `make setup` (installs requirements-dev.txt into .venv) or "
    "`python3 -m pip install -r requirements-dev.txt`"
)

# Attributes of a StateMachine that hold locks or live threads, or that belong to the
# original: a clone used for one execution shares them instead of copying them.
_SHARED_ON_COPY = ("backend", "versions", "aliases", "latest_version")


def _patch_state_machine_deepcopy() -> None:
    from moto.stepfunctions.models import StateMachine

    def __deepcopy__(self, memo):  # noqa: N807 (dunder required by copy.deepcopy)
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        for key, value in self.__dict__.items():
            if key in _SHARED_ON_COPY:
                setattr(clone, key, value)
            elif key == "executions":
                setattr(clone, key, [])
            else:
                setattr(clone, key, copy.deepcopy(value, memo))
        return clone

    StateMachine.__deepcopy__ = __deepcopy__


# Filters, wildcards, slices and deep scans select several nodes: only those keep moto's list result.
_INDEFINITE_PATH = re.compile(r"\.\.|\[\s*[?*]|\[[^\]]*:[^\]]*\]|\.\*")


def _patch_definite_json_paths() -> None:
    from moto.stepfunctions.parser.asl.utils import json_path

    original = json_path.extract_json

    def extract_json(path, data):
        if _INDEFINITE_PATH.search(path):
            return original(path, data)
        matches = json_path.parse(path).find(data)
        return matches[0].value if matches else original(path, data)  # original raises the AWS error

    # Patched before the interpreter modules import it by name (moto imports them lazily).
    json_path.extract_json = extract_json


def _dynamodb_value_size(value) -> int:
    """DynamoDB's size of one attribute value, name excluded (the router's DynamoDbCapacity.cs is the same rule)."""
    import base64

    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.utilities import bytesize

    kind, content = value.type, value.value
    if kind == "N":
        return _number_size(content)
    if kind == "B":
        return _binary_size(content, base64)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(bytesize(v) for v in content)
    if kind == "NS":
        return sum(_number_size(v) for v in content)
    if kind == "BS":
        return sum(_binary_size(v, base64) for v in content)
    if kind == "L":
        return 3 + sum(_dynamodb_value_size(v if isinstance(v, DynamoType) else DynamoType(v)) + 1 for v in content)
    if kind == "M":
        return 3 + sum(bytesize(k) + _dynamodb_value_size(v if isinstance(v, DynamoType) else DynamoType(v)) + 1
                       for k, v in content.items())
    return bytesize(content)


def _number_size(text) -> int:
    mantissa = re.split("[eE]", str(text).strip())[0]
    significant = len("".join(c for c in mantissa if c.isdigit()).strip("0"))
    return (max(significant, 1) + 1) // 2 + 1


def _binary_size(content, base64) -> int:
    if isinstance(content, (bytes, bytearray)):
        return len(content)
    try:
        return len(base64.b64decode(content))
    except (ValueError, TypeError):
        return len(str(content))


def _patch_dynamodb_page_bound() -> None:
    from moto.dynamodb.models import table
    from moto.dynamodb.models.dynamo_type import DynamoType

    table.RESULT_SIZE_LIMIT = 1024 * 1024  # read by Table.query and Table.scan at each call
    DynamoType.size = _dynamodb_value_size


def _patch_conditional_deny_statements() -> None:
    from moto.iam.access_control import IAMPolicyStatement, PermissionResult

    original = IAMPolicyStatement.is_action_permitted

    def condition_on_missing_key(statement, values) -> bool:
        # IAM: a condition on a key the request does not carry is false (Null and ...IfExists aside);
        # moto ignores it (true).
        for operator, keys in (statement.get("Condition") or {}).items():
            if operator == "Null" or operator.endswith("IfExists"):
                continue
            if any(key not in (values or {}) for key in keys):
                return True
        return False

    def is_action_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
        statement = self._statement
        if statement.get("Effect") == "Deny" and condition_on_missing_key(statement, incoming_condition_values):
            return PermissionResult.NEUTRAL
        result = original(self, action, resource, principal, incoming_condition_values)
        if result == PermissionResult.DENIED and statement.get("Effect") == "Deny" and statement.get("Condition") \
                and not self._check_conditions(incoming_condition_values):
            return PermissionResult.NEUTRAL
        return result

    IAMPolicyStatement.is_action_permitted = is_action_permitted


def _patch_stop_execution() -> None:
    import datetime
    import time

    from moto.core.exceptions import AWSError
    from moto.stepfunctions import responses
    from moto.stepfunctions.exceptions import ExecutionDoesNotExist
    from moto.stepfunctions.parser.api import ExecutionAbortedEventDetails, ExecutionStatus, HistoryEventType
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails
    from moto.stepfunctions.parser.asl.eval.event.event_manager import EventHistoryContext, EventManager
    from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    class TaskTimedOut(AWSError):
        TYPE = "TaskTimedOut"
        STATUS = 400

    # The history of a stopped run ends with its ExecutionAborted event: later events (the woken task's
    # failure, the program's own ExecutionFailed/ExecutionAborted) are dropped.
    original_add_event = EventManager.add_event

    def add_event(self, context, event_type, *args, **kwargs):
        gate = self.__dict__.setdefault("_localcloud_gate", threading.Lock())
        with gate:
            if self.__dict__.get("_localcloud_closed"):
                return self._event_id_gen._next_id - 1
            event_id = original_add_event(self, context, event_type, *args, **kwargs)
            if event_type == HistoryEventType.ExecutionAborted and self.__dict__.get("_localcloud_closing"):
                self._localcloud_closed = True
            return event_id

    EventManager.add_event = add_event

    # The worker's end (whatever the woken program did) does not overwrite the ABORTED status.
    original_terminated = BaseExecutionWorkerCommunication.terminated

    def terminated(self):
        if getattr(self.execution, "_localcloud_aborted", False):
            return
        original_terminated(self)

    BaseExecutionWorkerCommunication.terminated = terminated

    def abort(execution, error, cause):
        if execution.exec_status != ExecutionStatus.RUNNING:
            return  # already ended: nothing changes (AWS answers with the stop date too)
        worker = execution.exec_worker
        deadline = time.monotonic() + 2
        while worker is not None and worker.env is None and time.monotonic() < deadline:
            time.sleep(0.005)  # stopped right after its start: the worker thread is building its environment
        stop_date = datetime.datetime.now(tz=datetime.timezone.utc)
        execution._localcloud_aborted = True
        execution.exec_status = ExecutionStatus.ABORTED
        execution.stop_date = stop_date
        execution.error = error or None
        execution.cause = cause or None
        env = worker.env if worker is not None else None
        if env is None:
            return
        env.set_stop(stop_date=stop_date, cause=cause, error=error)
        manager = env.event_manager
        manager._localcloud_closing = True
        details = ExecutionAbortedEventDetails()
        if error:
            details["error"] = error
        if cause:
            details["cause"] = cause
        manager.add_event(
            context=EventHistoryContext(previous_event_id=manager._event_id_gen._next_id - 1),  # the last event
            event_type=HistoryEventType.ExecutionAborted,
            event_details=EventDetails(executionAbortedEventDetails=details),
            update_source_event_id=False,
        )
        # Wake every task waiting for a token (or a heartbeat): its thread ends, its outcome is ignored.
        for endpoint in list(env.callback_pool_manager._pool.values()):
            endpoint.interrupt_all()

    def stop_execution(self, execution_arn, error=None, cause=None):
        self._validate_execution_arn(execution_arn)
        state_machine = self._get_state_machine_for_execution(execution_arn)
        execution = next((x for x in state_machine.executions if x.execution_arn == execution_arn), None)
        if execution is None:
            raise ExecutionDoesNotExist("Execution Does Not Exist: '" + execution_arn + "'")
        abort(execution, error, cause)
        return execution

    StepFunctionsParserBackend.stop_execution = stop_execution

    def response_stop_execution(self):
        arn = self._get_param("executionArn")
        backend = self.stepfunction_backend
        if isinstance(backend, StepFunctionsParserBackend):
            execution = backend.stop_execution(arn, error=self._get_param("error"), cause=self._get_param("cause"))
        else:
            execution = backend.stop_execution(arn)
        return responses.ActionResult({"stopDate": execution.stop_date})

    responses.StepFunctionResponse.stop_execution = response_stop_execution

    def ended_with_token(backend, token) -> bool:
        for execution in backend._get_executions():
            worker = execution.exec_worker
            if execution.exec_status != ExecutionStatus.RUNNING and worker is not None and worker.env is not None \
                    and worker.env.callback_pool_manager.get(token) is not None:
                return True
        return False

    def refuse_ended(original):
        def call(self, task_token, *args, **kwargs):
            if ended_with_token(self, task_token):
                raise TaskTimedOut("Task Timed Out: 'Provided task does not exist anymore'")
            return original(self, task_token, *args, **kwargs)

        return call

    for name in ("send_task_success", "send_task_failure", "send_task_heartbeat"):
        setattr(StepFunctionsParserBackend, name, refuse_ended(getattr(StepFunctionsParserBackend, name)))


def _patch_atomic_dynamodb_writes() -> None:
    import functools

    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.RLock()

    def one_at_a_time(method):
        @functools.wraps(method)
        def write(self, *args, **kwargs):
            with lock:
                return method(self, *args, **kwargs)

        return write

    for name in ("put_item", "update_item", "delete_item", "transact_write_items"):
        setattr(DynamoDBBackend, name, one_at_a_time(getattr(DynamoDBBackend, name)))


def _patch_sfn_integration_names() -> None:
    import botocore.session
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_aws_sdk import (
        StateTaskServiceAwsSdk,
    )
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_sfn import (
        StateTaskServiceSfn,
    )
    from moto.stepfunctions.parser.utils import camel_to_snake_case

    model = botocore.session.get_session().get_service_model("stepfunctions")
    operations = {camel_to_snake_case(name): model.operation_model(name) for name in model.operation_names}

    def operation(task, boto_service_name, service_action_name):
        if task._get_boto_service_name(boto_service_name) != "stepfunctions":
            return None
        return operations.get(task._get_boto_service_action(service_action_name))

    for cls in (StateTaskServiceSfn, StateTaskServiceAwsSdk):
        def patch(original_parameters, original_response):
            def normalise_parameters(self, parameters, boto_service_name=None, service_action_name=None):
                original_parameters(self, parameters, boto_service_name=boto_service_name, service_action_name=service_action_name)
                if (op := operation(self, boto_service_name, service_action_name)) is not None:
                    self._to_boto_request(parameters, op.input_shape)

            def normalise_response(self, response, boto_service_name=None, service_action_name=None):
                original_response(self, response, boto_service_name=boto_service_name, service_action_name=service_action_name)
                if (op := operation(self, boto_service_name, service_action_name)) is not None and op.output_shape is not None:
                    self._from_boto_response(response, op.output_shape)

            return normalise_parameters, normalise_response

        cls._normalise_parameters, cls._normalise_response = patch(cls._normalise_parameters, cls._normalise_response)


def _patch_aws_sdk_input_as_request() -> None:
    """An aws-sdk Task without Parameters sends its effective input (after InputPath) as the API request, as Step
    Functions does; moto 5.2.1 sends an empty request instead (PutDashboard then fails on a missing body, and
    PutMetricAlarm "succeeds" with no alarm). alarm-reconcile's Map items are whole requests built by a Lambda."""
    import copy

    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_aws_sdk import (
        StateTaskServiceAwsSdk,
    )

    original = StateTaskServiceAwsSdk._eval_parameters

    def eval_parameters(self, env):
        if self.parargs is None and env.stack and isinstance(env.stack[-1], dict):
            return copy.deepcopy(env.stack[-1])
        return original(self, env)

    StateTaskServiceAwsSdk._eval_parameters = eval_parameters


# Step Functions' spelling of the service in aws-sdk error names (moto 5.2.1 has dynamodb and sfn).
_SERVICE_ERROR_NAMES = {"iam": "Iam", "s3": "S3", "lambda": "Lambda", "sns": "Sns", "sqs": "Sqs", "sts": "Sts",
                        "applicationautoscaling": "ApplicationAutoScaling"}

# Step Functions' aws-sdk service names whose boto3 name differs (moto 5.2.1 knows only sfn/states): the ARN
# arn:aws:states:::aws-sdk:applicationautoscaling:describeScalableTargets needs boto3's "application-autoscaling".
_SERVICE_NAMES_SFN_TO_BOTO = {"applicationautoscaling": "application-autoscaling"}


def _patch_aws_sdk_service_names() -> None:
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service import StateTaskService

    for sfn_name, boto_name in _SERVICE_NAMES_SFN_TO_BOTO.items():
        StateTaskService._SERVICE_NAME_SFN_TO_BOTO_OVERRIDES.setdefault(sfn_name, boto_name)


def _patch_aws_sdk_error_names() -> None:
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import state_task_service_aws_sdk

    for service, name in _SERVICE_ERROR_NAMES.items():
        state_task_service_aws_sdk._SERVICE_ERROR_NAMES.setdefault(service, name)


def _patch_describe_alarms_pages() -> None:
    from moto.cloudwatch.responses import CloudWatchResponse
    from moto.core.responses import ActionResult

    original = CloudWatchResponse.describe_alarms

    def describe_alarms(self):
        result = original(self).result
        size = int(self._get_param("MaxRecords") or 50)
        if not 1 <= size <= 100:
            raise ValueError(f"MaxRecords must be between 1 and 100, got {size}")
        after = self._get_param("NextToken")
        for kind in ("MetricAlarms", "CompositeAlarms"):
            result[kind] = sorted(result[kind], key=lambda a: a.name)
        metric = [a for a in result["MetricAlarms"] if after is None or a.name > after]
        page = metric[:size]
        paged = {"MetricAlarms": page, "CompositeAlarms": result["CompositeAlarms"] if after is None else []}
        if len(metric) > size:
            paged["NextToken"] = page[-1].name
        return ActionResult(paged)

    CloudWatchResponse.describe_alarms = describe_alarms


FORGET_METRICS_PATH = "/_localcloud/cloudwatch/forget-metrics"


def _forget_metrics(dimension: str, value: str) -> int:
    from moto.cloudwatch.models import cloudwatch_backends

    def keep(datum) -> bool:
        return not any(d.name == dimension and d.value == value for d in datum.dimensions)

    removed = 0
    for account in list(cloudwatch_backends.values()):
        for backend in list(account.values()):
            kept = [datum for datum in backend.metric_data if keep(datum)]
            removed += len(backend.metric_data) - len(kept)
            backend.metric_data = kept
            backend.paged_metric_data = {
                token: [datum for datum in page if keep(datum)] for token, page in backend.paged_metric_data.items()
            }
    return removed


def _with_local_endpoints(app):
    """WSGI: the local cloud's own endpoints (FORGET_METRICS_PATH) in front of moto's app."""

    def endpoints(environ, start_response):
        if environ.get("PATH_INFO") != FORGET_METRICS_PATH:
            return app(environ, start_response)
        try:
            if environ.get("REQUEST_METHOD") != "POST":
                raise ValueError("use POST")
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = json.loads(environ["wsgi.input"].read(length) or b"{}")
            dimension, value = body.get("dimension"), body.get("value")
            if not isinstance(dimension, str) or not dimension or not isinstance(value, str):
                raise ValueError('the body must be {"dimension": "<name>", "value": "<value>"}')
            status, answer = "200 OK", {"removed": _forget_metrics(dimension, value)}
        except (ValueError, KeyError) as error:
            status, answer = "400 Bad Request", {"error": str(error)}
        payload = json.dumps(answer).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
        return [payload]

    return endpoints


def _enable_interpreter() -> None:
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.set_config(
        {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}
    )


def _exit_now(*_: object) -> None:
    # A hard exit: moto keeps only in-memory state, and its worker threads (executions, stack
    # creation) are not daemons, so a graceful interpreter shutdown can hang waiting on them.
    os._exit(0)


def _exit_when_stdin_closes() -> None:
    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        _exit_now()

    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


# Cheap read calls that make moto import and initialise each backend the stack and the scenarios
# use (IAM loads the AWS managed policies on first use), through the real request path.
_WARM_UP_CALLS = (
    ("dynamodb", "application/x-amz-json-1.0", "DynamoDB_20120810.ListTables", "{}"),
    ("states", "application/x-amz-json-1.0", "AWSStepFunctions.ListStateMachines", "{}"),
    ("monitoring", "application/x-amz-json-1.0", "GraniteServiceVersion20100801.DescribeAlarms", "{}"),
    ("events", "application/x-amz-json-1.1", "AWSEvents.ListRules", "{}"),
    ("logs", "application/x-amz-json-1.1", "Logs_20140328.DescribeLogGroups", "{}"),
    ("iam", "application/x-www-form-urlencoded", None, "Action=ListRoles&Version=2010-05-08"),
)

_WARM_UP_DEFINITION = json.dumps({
    "StartAt": "T",
    "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "BooleanEquals": True, "Next": "S"}],
              "Default": "F"},
        "S": {"Type": "Succeed"},
        "F": {"Type": "Fail", "Error": "E", "Cause": "c"},
    },
})


def _warm_up(port: int) -> None:
    import http.client

    for scope, content_type, target, body in _WARM_UP_CALLS:
        headers = {
            "Content-Type": content_type,
            "Authorization": f"AWS4-HMAC-SHA256 Credential=warmup/20240101/us-east-1/{scope}/aws4_request, "
                             "SignedHeaders=host, Signature=00",
        }
        if target:
            headers["X-Amz-Target"] = target
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("POST", "/", body=body, headers=headers)
            connection.getresponse().read()
            connection.close()
        except OSError:
            return  # shutting down
    import boto3
    from moto.stepfunctions.parser.asl.parse.asl_parser import AmazonStateLanguageParser

    AmazonStateLanguageParser.parse(_WARM_UP_DEFINITION)
    for service in ("lambda", "dynamodb", "cloudwatch", "iam", "stepfunctions"):
        boto3.client(service, region_name="us-east-1", aws_access_key_id="warmup", aws_secret_access_key="warmup",
                     endpoint_url=f"http://127.0.0.1:{port}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 = any free port")
    parser.add_argument(
        "--router-port", type=int, default=0,
        help="Where the Step Functions interpreter sends Lambda and aws-sdk calls (MOTO_PORT). "
             "0 = moto itself.")
    parser.add_argument("--watch-stdin", action="store_true",
                        help="Exit when stdin reaches end of file (the parent went away).")
    parser.add_argument("--verbose", action="store_true", help="Keep moto's request log.")
    parser.add_argument("--no-warm-up", action="store_true", help="Skip the background warm-up.")
    args = parser.parse_args(argv)

    try:
        import moto  # noqa: F401
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import make_server
    except ImportError as error:
        print(f"{INSTALL_HINT} ({error})", file=sys.stderr)
        return 3

    if not args.verbose:
        # The interpreter logs every Fail state and failed task as a warning with a full dump of
        # the state; the execution history already says it.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        logging.getLogger("moto").setLevel(logging.CRITICAL)

    _patch_state_machine_deepcopy()
    _patch_definite_json_paths()
    _patch_dynamodb_page_bound()
    _patch_conditional_deny_statements()
    _patch_stop_execution()
    _patch_aws_sdk_error_names()
    _patch_aws_sdk_service_names()
    _patch_atomic_dynamodb_writes()
    _patch_sfn_integration_names()
    _patch_aws_sdk_input_as_request()
    _patch_describe_alarms_pages()
    _enable_interpreter()

    app = _with_local_endpoints(DomainDispatcherApplication(create_backend_app))
    server = make_server(args.host, args.port, app, threaded=True)
    port = server.socket.getsockname()[1]
    os.environ["MOTO_PORT"] = str(args.router_port or port)

    signal.signal(signal.SIGTERM, _exit_now)
    signal.signal(signal.SIGINT, _exit_now)
    if args.watch_stdin:
        _exit_when_stdin_closes()

    print(json.dumps({"ready": True, "port": port, "motoVersion": moto.__version__}), flush=True)
    if not args.no_warm_up:
        threading.Thread(target=_warm_up, args=(port,), name="warm-up", daemon=True).start()
    try:
        server.serve_forever()
    finally:
        _exit_now()
    return 0


if __name__ == "__main__":
    sys.exit(main())
