import '../../locale/dutch.testing';
import { interventionMarkers } from './intervention-markers';

const weekly = {
  xAxis: { type: 'category', data: ['2026-03-02', '2026-03-09'] },
  yAxis: { type: 'value' },
  series: [{ name: 'Actief', type: 'line', data: [1, 2] }],
};
const interventions = [
  { id: 'a', day: '2026-03-10', kind: 'leadership-post' as const, title: 'Bericht van de CEO' },
  { id: 'b', day: '2026-03-11', kind: 'training' as const, title: 'Training Sales' },
];

describe('chart intervention markers in Dutch', () => {
  it('names and lists the interventions in Dutch, dates the Dutch way', () => {
    const [marker] = interventionMarkers(weekly, interventions);
    expect(marker.label).toBe('2 interventies');
    expect(marker.description).toBe(
      '10 mrt 2026 · Bericht van leidinggevende · Bericht van de CEO; 11 mrt 2026 · Training · Training Sales',
    );
  });
});
