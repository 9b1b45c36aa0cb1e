/**
 * What a TLS-inspecting proxy does for each host its clients visit: mint a leaf certificate for that
 * name, signed by the proxy's own CA. Node can sign but not build X.509, so the certificate is encoded
 * here in DER (RFC 5280: v3, ECDSA P-256 with SHA-256, subjectAltName only): enough for OpenSSL to chain
 * it to the CA, and for hostname checks of names like zoom.us that the CA fixture cannot cover.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

const der = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
};
const seq = (...parts: Buffer[]) => der(0x30, ...parts);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = arc >> 7; v; v >>= 7) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
};
const commonName = (cn: string) => seq(der(0x31, seq(oid('2.5.4.3'), der(0x0c, Buffer.from(cn)))));
const utcTime = (d: Date) => der(0x17, Buffer.from(d.toISOString().replace(/^\d\d|[-:T]|\.\d+/g, '')));
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

/** A leaf certificate (and its new key) for `hosts`, issued by the CA in `ca` (PEM certificate and key). */
export function mintLeaf(ca: { cert: string; key: string }, hosts: string[]): { cert: string; key: string } {
  const issuer = new X509Certificate(ca.cert).subject.replace(/^CN=/, '');
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const serial = randomBytes(8);
  serial[0]! &= 0x7f; // a positive INTEGER
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))), // v3
    der(0x02, serial),
    ECDSA_SHA256,
    commonName(issuer),
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    commonName(hosts[0]!),
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, seq(seq(oid('2.5.29.17'), der(0x04, seq(...hosts.map((h) => der(0x82, Buffer.from(h)))))))),
  );
  const signature = sign('sha256', tbs, createPrivateKey(ca.key));
  const body = seq(tbs, ECDSA_SHA256, der(0x03, Buffer.from([0]), signature));
  const cert = `-----BEGIN CERTIFICATE-----\n${body.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}
