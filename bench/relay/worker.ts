// Baseline relay for `npm run bench`: the same path a Switchboard message takes
// (HTTP -> Worker -> Durable Object -> hibernatable WebSockets) with nothing else on it.
//   GET  /room/<name>       WebSocket upgrade, the socket joins the room
//   POST /room/<name>/send  the body is sent, as is, to every socket in the room
//   GET  /healthz           200
import { DurableObject } from "cloudflare:workers";

interface Env {
  ROOM: DurableObjectNamespace<Room>;
}

export class Room extends DurableObject<Env> {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.send('{"type":"ready"}');
    return new Response(null, { status: 101, webSocket: client });
  }

  broadcast(body: string): number {
    const sockets = this.ctx.getWebSockets();
    for (const ws of sockets) {
      try {
        ws.send(body);
      } catch {
        // closed under us
      }
    }
    return sockets.length;
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    if (raw === '{"type":"ping"}') ws.send('{"type":"pong"}');
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, "closed");
    } catch {
      // already closed
    }
  }
}

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return new Response("ok");
    const m = /^\/room\/([A-Za-z0-9_-]{1,64})(\/send)?$/.exec(url.pathname);
    if (!m) return new Response("not found", { status: 404 });
    const room = env.ROOM.getByName(m[1]!);
    if (m[2]) {
      if (request.method !== "POST") return new Response("method not allowed", { status: 405 });
      const receivers = await room.broadcast(await request.text());
      return Response.json({ receivers });
    }
    return room.fetch(request);
  },
} satisfies ExportedHandler<Env>;
