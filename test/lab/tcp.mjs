// The lab's TCP server and client, run inside the lab's network namespaces by session.sh.
//   node tcp.mjs server BIND_IP PORT NAME   accept, read one chunk, answer one line, close
//   node tcp.mjs client DST_IP PORT [TIMEOUT_S]   connect, send "x\n", print the answer;
//                                                  exit 0 on an answer, 1 otherwise
import net from "node:net";

const [role, ip, portText, arg] = process.argv.slice(2);
const port = Number(portText);

if (role === "server") {
  net
    .createServer((socket) => {
      socket.setTimeout(3000, () => socket.destroy());
      socket.once("data", (data) => {
        socket.end(`hello from ${arg} to ${socket.remoteAddress}:${socket.remotePort} got ${JSON.stringify(String(data))}\n`);
      });
      socket.on("error", () => socket.destroy());
    })
    .listen(port, ip);
} else if (role === "client") {
  const timeout = Number(arg ?? 3) * 1000;
  let answer = "";
  const fail = (why) => {
    console.log(`FAIL ${ip}:${port} -> ${why}`);
    process.exit(1);
  };
  const socket = net.connect({ host: ip, port }, () => socket.write("x\n"));
  socket.setTimeout(timeout, () => fail("timed out"));
  socket.on("data", (chunk) => (answer += chunk));
  socket.on("error", (e) => fail(e.message));
  socket.on("end", () => {
    console.log(`OK ${ip}:${port} -> ${answer.trim()}`);
    process.exit(0);
  });
} else {
  console.error("usage: tcp.mjs server BIND_IP PORT NAME | client DST_IP PORT [TIMEOUT_S]");
  process.exit(2);
}
