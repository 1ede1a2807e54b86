using System.Text.Json.Serialization;

namespace Conflux.Server;

internal sealed record HealthBody(string Status, string Version, string Storage, long UptimeSeconds, int Queues, string[] Services);

internal sealed record NotFoundBody(string Message, string Path);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(NotFoundBody))]
internal sealed partial class ServerJson : JsonSerializerContext;
