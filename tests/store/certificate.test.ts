import { createSecureContext } from "node:tls";
import { X509Certificate } from "node:crypto";
import { createLoopbackCertificate } from "../../bot/src/store/embedded/certificate";

/**
 * The embedded store's certificate is minted with a random serial on every start. A serial
 * whose first byte came out zero was non-minimal DER, and OpenSSL refused the certificate
 * ("illegal padding") about once in 500 starts. Minting many must never fail.
 */
it("mints certificates OpenSSL always accepts, for loopback, valid now", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  for (let i = 0; i < 1500; i++) {
    const { keyPem, certPem } = createLoopbackCertificate(now);
    expect(() => createSecureContext({ key: keyPem, cert: certPem })).not.toThrow();
    if (i === 0) {
      const cert = new X509Certificate(certPem);
      expect(cert.subjectAltName).toContain("127.0.0.1");
      expect(Date.parse(cert.validFrom)).toBeLessThan(now.getTime());
      expect(Date.parse(cert.validTo)).toBeGreaterThan(now.getTime());
    }
  }
});
