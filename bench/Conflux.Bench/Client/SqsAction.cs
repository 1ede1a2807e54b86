namespace Conflux.Bench.Client;

/// <summary>The SQS actions the bench calls, with their X-Amz-Target header values built once.</summary>
internal sealed class SqsAction
{
    public static readonly SqsAction CreateQueue = new("CreateQueue");
    public static readonly SqsAction SendMessage = new("SendMessage");
    public static readonly SqsAction SendMessageBatch = new("SendMessageBatch");
    public static readonly SqsAction ReceiveMessage = new("ReceiveMessage");
    public static readonly SqsAction DeleteMessage = new("DeleteMessage");
    public static readonly SqsAction DeleteMessageBatch = new("DeleteMessageBatch");
    public static readonly SqsAction GetQueueAttributes = new("GetQueueAttributes");

    private SqsAction(string name)
    {
        Name = name;
        Target = "AmazonSQS." + name;
    }

    public string Name { get; }

    public string Target { get; }

    public override string ToString() => Name;
}
