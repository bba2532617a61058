import { renderChartPng, renderChartSvg } from './chart-image';

const LINE = {
  xAxis: { type: 'category', data: ['W1', 'W2', 'W3'] },
  yAxis: { type: 'value' },
  series: [{ type: 'line', name: 'Weekly active', data: [12, 17, 23] }],
  title: { text: 'Weekly active people' },
};

describe('renderChartSvg', () => {
  it('renders the option as an SVG document with its title and axis labels', () => {
    const svg = renderChartSvg(LINE, { width: 480, height: 240 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="480"');
    expect(svg).toContain('Weekly active people');
    expect(svg).toContain('W3');
  });

  it('refuses sizes outside the bound', () => {
    expect(() => renderChartSvg(LINE, { width: 10, height: 240 })).toThrow(/width must be an integer/);
    expect(() => renderChartSvg(LINE, { width: 480, height: 100_000 })).toThrow(/height must be/);
  });
});

describe('renderChartPng', () => {
  it('rasterises to a PNG of width × scale pixels', () => {
    const png = renderChartPng(LINE, { width: 300, height: 150, scale: 2 });
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers at bytes 16 and 20.
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(600);
    expect(png.readUInt32BE(20)).toBe(300);
  });
});
