/**
 * RFC 6238 Appendix B: [T (seconds), SHA1, SHA256, SHA512] 8-digit codes for the ASCII seeds
 * "1234567890" repeated to 20, 32 and 64 bytes, 30-second steps. Shared so that every path a
 * TOTP seed can take (plain, wrapped under holders' keys) is held to the same published table.
 */
export const RFC6238_VECTORS: readonly (readonly [number, string, string, string])[] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

/** The SHA1 seed "12345678901234567890" in base32, as a person would paste it. */
export const RFC6238_SHA1_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
