namespace Automation.Core.Access;

/// <summary>
/// The DynamoDB data actions a break-glass grant may hold: the only ones. Everything else (<c>dynamodb:*</c>, table,
/// index, backup, stream, TTL and tag management, PartiQL) is never granted (<see cref="AccessRules.ActionForbidden"/>).
/// </summary>
public enum AccessAction
{
    /// <summary>Read one item by its primary key.</summary>
    GetItem,

    /// <summary>Read up to 100 items by their primary keys.</summary>
    BatchGetItem,

    /// <summary>Read the items of one partition key (of the table or an index).</summary>
    Query,

    /// <summary>Read every item; never with keys in scope (<see cref="AccessRules.ScanWithKeys"/>).</summary>
    Scan,

    /// <summary>A condition check inside a transaction (a read).</summary>
    ConditionCheckItem,

    /// <summary>Write (create or replace) one item.</summary>
    PutItem,

    /// <summary>Change attributes of one item.</summary>
    UpdateItem,

    /// <summary>Delete one item.</summary>
    DeleteItem,

    /// <summary>Put or delete up to 25 items.</summary>
    BatchWriteItem,
}
