using System.Net;
using System.Net.Sockets;

namespace Conflux.Bench.Hosting;

/// <summary>Loopback ports nobody is listening on: OS-chosen, or the next free ones from a base.</summary>
internal sealed class FreePorts(int? from)
{
    private int _next = from ?? 0;

    public int Next()
    {
        if (from is null) return Probe(0);
        while (_next < IPEndPoint.MaxPort)
        {
            var candidate = _next++;
            try
            {
                return Probe(candidate);
            }
            catch (SocketException)
            {
                // Taken; try the next one.
            }
        }
        throw new InvalidOperationException($"No free port at or above {from}.");
    }

    private static int Probe(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
