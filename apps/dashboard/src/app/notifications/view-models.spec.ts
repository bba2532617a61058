import type { DigestPreview } from '@uptake/contracts';
import { channelStatus, channelViews, configuredChannels, testResultText } from './channels';
import { olderPageCursor } from '../shared/paging';
import { deliveryRow } from './deliveries';
import { previewHtml } from './digest-preview';
import { CHANNELS, delivery } from './fixtures';

describe('channels', () => {
  it('lists Slack and Teams, "not set" where the API has none, and names the host only', () => {
    const views = channelViews({ channels: [CHANNELS.channels[0]] });
    expect(views.map((v) => [v.kind, v.configured])).toEqual([
      ['slack', true],
      ['teams', false],
    ]);
    expect(channelStatus(views[0])).toBe('Set, posts to hooks.slack.com');
    expect(channelStatus(views[1])).toBe('Not set');
    expect(configuredChannels(views)).toEqual(['slack']);
    expect(channelViews(undefined).every((v) => !v.configured)).toBe(true);
  });

  it('says how a test went', () => {
    expect(testResultText({ ok: true, httpStatus: 200, error: null, deliveryId: '1' })).toBe(
      'Sent: the receiver answered HTTP 200.',
    );
    expect(testResultText({ ok: false, httpStatus: 404, error: 'no_service', deliveryId: '2' })).toBe(
      'Not delivered (HTTP 404): no_service',
    );
    expect(
      testResultText({ ok: false, httpStatus: null, error: 'timed out after 10 s', deliveryId: '3' }),
    ).toBe('Not delivered: timed out after 10 s');
  });
});

describe('deliveries', () => {
  it('shows the e-mail for an e-mail and the channel for a webhook', () => {
    expect(deliveryRow(delivery('7'))).toMatchObject({
      recipient: 'exec@acme.test',
      status: 'sent',
      tone: 'tone-good',
    });
    const failed = deliveryRow(
      delivery('8', {
        channel: 'teams',
        recipient: 'teams',
        status: 'failed',
        attempts: 5,
        lastError: 'HTTP 500',
      }),
    );
    expect(failed).toMatchObject({
      recipient: 'Teams',
      status: 'failed',
      tone: 'tone-bad',
      attempts: '5',
      lastError: 'HTTP 500',
    });
    const held = deliveryRow(delivery('9', { status: 'held', heldUntil: '2026-12-02T06:00:00Z' }));
    expect(held).toMatchObject({ status: 'held (quiet hours)', heldUntil: '2026-12-02T06:00:00Z' });
  });

  it('continues after the last row of a full page only', () => {
    const page = [delivery('30'), delivery('29'), delivery('28')];
    expect(olderPageCursor(page, 3)).toBe('28');
    expect(olderPageCursor(page, 4)).toBeNull();
    expect(olderPageCursor([], 3)).toBeNull();
  });
});

describe('previewHtml', () => {
  const preview = (html: string, images: DigestPreview['images']): DigestPreview => ({
    subject: 's',
    html,
    text: 't',
    sections: ['executive'],
    locale: 'en',
    images,
    dashboardUrl: 'http://localhost/overview',
  });

  it('puts each chart in as its data: URI', () => {
    const html = '<img src="cid:adoption"><img src="cid:adoption"><img src="cid:other">';
    const images = [
      { cid: 'adoption', contentType: 'image/png' as const, dataUri: 'data:image/png;base64,AAA' },
    ];
    expect(previewHtml(preview(html, images))).toBe(
      '<img src="data:image/png;base64,AAA"><img src="data:image/png;base64,AAA"><img src="cid:other">',
    );
  });

  it('puts in nothing but a PNG data URI', () => {
    const images = [{ cid: 'x', contentType: 'image/png' as const, dataUri: 'javascript:alert(1)' }];
    expect(previewHtml(preview('<img src="cid:x">', images))).toBe('<img src="cid:x">');
  });
});
