import { network } from './adoption.fixtures';
import {
  crossingCards,
  isEmptyNetwork,
  networkGraphOption,
  nodeSize,
  undirectedLinks,
  unitNames,
} from './network';

describe('network', () => {
  it('gives a card per boundary with its figures, withheld ones included', () => {
    const cards = crossingCards(network);
    expect(cards.map((card) => [card.label, card.figures.share])).toEqual([
      ['Across departments', 0.4],
      ['Across hierarchy levels', 0.25],
      ['Across legacy companies', null],
    ]);
  });

  it('sizes nodes by the square root of people, withheld units smallest', () => {
    expect(nodeSize(25, 25)).toBe(60);
    expect(nodeSize(9, 25)).toBe(40.8); // 12 + 48 × 3/5
    expect(nodeSize(null, 25)).toBe(12);
  });

  it('merges the two directions of a link', () => {
    expect(undirectedLinks(network)).toEqual([{ source: 'unit-a', target: 'unit-b', interactions: 100 }]);
  });

  it('draws a force graph of the units', () => {
    const option = networkGraphOption(network) as {
      series: {
        type: string;
        layout: string;
        data: { id: string; symbolSize: number }[];
        links: { value: number; lineStyle: { width: number } }[];
      }[];
    };
    const [graph] = option.series;
    expect([graph.type, graph.layout]).toEqual(['graph', 'force']);
    expect(graph.data.map((node) => [node.id, node.symbolSize])).toEqual([
      ['unit-a', 60],
      ['unit-b', 40.8],
      ['unit-c', 12],
    ]);
    expect(graph.links.map((link) => [link.value, link.lineStyle.width])).toEqual([[100, 8]]);
  });

  it('shows unit names in the (HTML) tooltip as text, never as markup', () => {
    const hostile = {
      ...network,
      units: network.units.map((unit, index) =>
        index === 0 ? { ...unit, name: '<img src=x onerror="window.__xss=1">' } : unit,
      ),
    };
    const option = networkGraphOption(hostile) as {
      tooltip: { formatter: (item: { dataType: string; data: { tip?: string } }) => string };
      series: { data: { tip: string }[] }[];
    };
    const node = option.series[0].data[0];
    expect(option.tooltip.formatter({ dataType: 'node', data: node })).toBe(
      '&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;: 25 people',
    );
  });

  it('names units by id and knows when there is nothing to draw', () => {
    expect(unitNames(network).get('unit-b')).toBe('Legal');
    expect(isEmptyNetwork(network)).toBe(false);
    expect(isEmptyNetwork({ ...network, summary: { ...network.summary, interactions: 0 } })).toBe(true);
  });
});
