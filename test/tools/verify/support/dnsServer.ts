// A DNS server on 127.0.0.1 (UDP, random port) that answers from a fixed table, for `--resolver`. Unknown names get
// NXDOMAIN; every question is recorded so tests can see what verify asked.
import * as net from "node:net";
import dns2 from "dns2";

const { Packet } = dns2;
const NXDOMAIN = 3;

export interface TestDnsServer {
  /** `127.0.0.1:PORT`, for `--resolver`. */
  server: string;
  questions: { name: string; type: number }[];
  close(): Promise<void>;
}

export async function startDnsServer(records: Record<string, string[]>): Promise<TestDnsServer> {
  const questions: TestDnsServer["questions"] = [];
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      for (const question of request.questions) {
        questions.push({ name: question.name, type: question.type });
        const addresses = records[question.name.toLowerCase()];
        if (!addresses) {
          response.header.rcode = NXDOMAIN;
          continue;
        }
        for (const address of addresses) {
          const type = net.isIPv6(address) ? Packet.TYPE.AAAA : Packet.TYPE.A;
          if (type === question.type) {
            response.answers.push(Packet.createResourceFromQuestion(question, { type, class: Packet.CLASS.IN, ttl: 60, address }));
          }
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  return {
    server: `127.0.0.1:${addresses.udp?.port}`,
    questions,
    close: () => server.close(),
  };
}
