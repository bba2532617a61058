import { ServiceUnavailableException } from '@nestjs/common';
import { withRenderSlot } from '@uptake/render';
import { inRenderSlot } from './render-slot';

describe('inRenderSlot', () => {
  it("answers 503 while the process's render slots and queue are full, and renders again once they free up", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    // 2 running + 8 waiting: everything the process allows.
    const occupying = Array.from({ length: 10 }, () => withRenderSlot(() => blocked));
    await Promise.resolve();
    const refused = inRenderSlot(async () => 'pdf');
    await expect(refused).rejects.toThrow(ServiceUnavailableException);
    await expect(refused).rejects.toThrow(/try again in a few seconds/);
    release();
    await Promise.all(occupying);
    expect(await inRenderSlot(async () => 'pdf')).toBe('pdf');
  });

  it('passes other failures through unchanged', async () => {
    await expect(inRenderSlot(() => Promise.reject(new TypeError('bad chart')))).rejects.toThrow(TypeError);
  });
});
