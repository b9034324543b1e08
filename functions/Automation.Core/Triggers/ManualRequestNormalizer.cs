namespace Automation.Core.Triggers;

/// <summary>The manual-request half of <see cref="TriggerNormalizer"/>.</summary>
internal static class ManualRequestNormalizer
{
    public const int MaxReasonLength = 1024;

    public static NormalizedTrigger Normalize(ManualTriggerRequest request)
    {
        var tableName = request.TableName;
        if (!DynamoDbNames.IsValid(tableName))
        {
            throw InvalidTrigger.Field("tableName", $"must be a DynamoDB table name (3-255 of a-z A-Z 0-9 _ - .), got '{tableName}'");
        }

        if (request.IndexName is not null && !DynamoDbNames.IsValid(request.IndexName))
        {
            throw InvalidTrigger.Field("indexName", $"must be null or a DynamoDB index name (3-255 of a-z A-Z 0-9 _ - .), got '{request.IndexName}'");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw InvalidTrigger.Field("reason", "is required: say why this run was started (it is recorded in the incident)");
        }

        if (request.Reason.Length > MaxReasonLength)
        {
            throw InvalidTrigger.Field("reason", $"is longer than {MaxReasonLength} characters");
        }

        if (request.RequestId is { } id && (id.Length is 0 or > 128 || id.Any(char.IsWhiteSpace)))
        {
            throw InvalidTrigger.Field("requestId", "must be 1-128 characters without spaces");
        }

        var runbook = request.Runbook ?? Alarms.AlarmRunbooks.ThrottlingResponse;
        if (runbook is not (Alarms.AlarmRunbooks.ThrottlingResponse or Alarms.AlarmRunbooks.AlarmTriage))
        {
            throw InvalidTrigger.Field("runbook", $"must be '{Alarms.AlarmRunbooks.ThrottlingResponse}' or '{Alarms.AlarmRunbooks.AlarmTriage}', got '{runbook}'");
        }

        if (request.Operation is { } operation && (operation.Length is 0 or > 64 || !operation.All(char.IsAsciiLetterOrDigit)))
        {
            throw InvalidTrigger.Field("operation", $"must be a DynamoDB operation name such as GetItem, got '{operation}'");
        }

        var dryRun = request.DryRun ?? true;
        var trigger = new IncidentTrigger(
            Source: TriggerSource.Manual,
            TableName: tableName!,
            IndexName: request.IndexName,
            MetricName: null,
            AlarmName: null,
            AlarmArn: null,
            Region: null,
            AccountId: null,
            StateTimestamp: null,
            Reason: request.Reason.Trim(),
            RequestedBy: request.RequestedBy,
            IdempotencyKey: IdempotencyKeys.ForManual(request.RequestId, tableName!, request.IndexName, request.Reason.Trim(), dryRun),
            DryRun: dryRun)
        {
            Runbook = runbook,
            Kind = request.Kind,
            Operation = request.Operation,
        };
        var target = request.IndexName is null ? $"table '{tableName}'" : $"index '{request.IndexName}' of table '{tableName}'";
        return NormalizedTrigger.Accept(trigger, $"Manual request for {target}{(dryRun ? " (dry run)" : string.Empty)}: {trigger.Reason}");
    }
}
