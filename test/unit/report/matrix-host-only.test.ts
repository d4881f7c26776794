// A host-only run renders exactly as it did before `--suites` existed: the
// files under __snapshots__/host-only/ were written by the renderers of that
// time (commit b549dc3), for an older document (no base/userland fields) and
// for a new one whose clients all ran on the host.
import { describe, expect, it } from 'vitest';
import { MATRIX_FORMATS, renderMatrix } from '../../../src/report/matrix-render.js';
import { hostOnlyMatrix, sampleMatrix } from './matrix-fixture.js';

describe('host-only matrix reports are unchanged by --suites', () => {
  for (const format of MATRIX_FORMATS) {
    it(`${format}: older document (no userland fields)`, async () => {
      await expect(renderMatrix(sampleMatrix(), format)).toMatchFileSnapshot(`./__snapshots__/host-only/sample.${format}`);
    });
    it(`${format}: host-only document with userland fields and a model`, async () => {
      await expect(renderMatrix(hostOnlyMatrix(), format)).toMatchFileSnapshot(`./__snapshots__/host-only/host.${format}`);
    });
  }
  it('table with colour', async () => {
    await expect(renderMatrix(hostOnlyMatrix(), 'table', { colour: true })).toMatchFileSnapshot('./__snapshots__/host-only/host-colour.table');
  });
});
