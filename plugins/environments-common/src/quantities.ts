/**
 * Kubernetes-style resource quantities as services declare them, turned into
 * the units the cost ledger counts in.
 */

const CPU = /^(\d+(?:\.\d+)?)(m?)$/;
const BYTES = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

const BYTES_PER_UNIT: Record<string, number> = {
  '': 1,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};

/** `'250m'` → 0.25, `'1'` → 1, `'0.5'` → 0.5 cores. @public */
export function parseCpuCores(quantity: string): number {
  const match = CPU.exec(quantity.trim());
  if (!match) {
    throw new TypeError(
      `Invalid CPU quantity ${JSON.stringify(
        quantity,
      )}; expected e.g. '250m' or '1'`,
    );
  }
  const value = Number(match[1]);
  return match[2] === 'm' ? value / 1000 : value;
}

/**
 * Memory or storage in GB as prices count them (1 GB = 1 GiB = 2^30 bytes, as
 * cloud price lists mean it): `'256Mi'` → 0.25, `'1Gi'` → 1, `'1G'` → 0.93….
 *
 * @public
 */
export function parseMemoryGb(quantity: string): number {
  const match = BYTES.exec(quantity.trim());
  if (!match) {
    throw new TypeError(
      `Invalid memory quantity ${JSON.stringify(
        quantity,
      )}; expected e.g. '256Mi' or '1Gi'`,
    );
  }
  return (Number(match[1]) * BYTES_PER_UNIT[match[2] ?? '']) / 2 ** 30;
}
