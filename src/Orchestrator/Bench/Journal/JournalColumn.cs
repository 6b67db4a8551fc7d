namespace Orchestrator.Bench.Journal;

/// <summary>A column of the journal table as the database describes it; generated ones (the ordering) are not written.</summary>
public sealed record JournalColumn(string Name, bool Generated);

/// <summary>The values of one journal row, by the column names of Akka.Persistence.Sql's default table mapping.</summary>
public sealed record JournalRow(string PersistenceId, long SequenceNr, string Manifest, byte[] Payload, int SerializerId, string WriterUuid)
{
    /// <summary>The value of a column by its name; an unknown column stops the figure rather than guessing.</summary>
    public object ValueOf(string column) => column.ToLowerInvariant() switch
    {
        "persistence_id" or "persistenceid" => PersistenceId,
        "sequence_number" or "sequencenumber" or "sequence_nr" => SequenceNr,
        "deleted" or "is_deleted" => false,
        "created" or "timestamp" => DateTime.UtcNow.Ticks,
        "tags" => DBNull.Value,
        "message" or "payload" => Payload,
        "identifier" or "ser_id" => SerializerId,
        "manifest" or "ser_manifest" => Manifest,
        "writer_uuid" or "writeruuid" => WriterUuid,
        _ => throw new InvalidOperationException($"the journal table has a column \"{column}\" the raw baseline does not know how to fill"),
    };
}
