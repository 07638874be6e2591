namespace JewelHub.Bench.Workflows;

/// <summary>The benchmarked flow: sale.recorded starts it, it waits for payment.captured about the same order, then ends.</summary>
internal static class BenchFlow
{
    public const string Json = """
        {"definitionId":"bench-sale-payment","name":"Bench: sale then payment","variables":[{"id":"paid","name":"Paid","typeName":"Object"}],
         "root":{"type":"Elsa.Flowchart","id":"Flowchart1","activities":[
          {"id":"Sale1","type":"Elsa.Event","version":1,"customProperties":{"canStartWorkflow":true},
           "eventName":{"typeName":"String","expression":{"type":"Literal","value":"sale.recorded"}}},
          {"id":"Payment1","type":"Elsa.Event","version":1,
           "eventName":{"typeName":"String","expression":{"type":"Literal","value":"payment.captured"}},
           "correlation":{"typeName":"String","expression":{"type":"JavaScript","value":"event.subject"}},
           "result":{"typeName":"Object","memoryReference":{"id":"paid"}}},
          {"id":"End1","type":"Elsa.End","version":1}],
          "connections":[{"source":{"activity":"Sale1","port":"Done"},"target":{"activity":"Payment1","port":"In"}},
                         {"source":{"activity":"Payment1","port":"Done"},"target":{"activity":"End1","port":"In"}}]}}
        """;
}
