import { BadRequestException } from '@nestjs/common';
import { SingleValue } from './single-value.pipe';

describe('SingleValue', () => {
  const pipe = new SingleValue();
  const metadata = { type: 'query' as const, data: 'fileName' };

  it('passes one string or nothing through', () => {
    expect(pipe.transform('a.pdf', metadata)).toBe('a.pdf');
    expect(pipe.transform(undefined, metadata)).toBeUndefined();
  });

  it.each([[['a', 'b']], [{ nested: 'x' }]])('refuses %j as a validation problem naming the parameter', (value) => {
    expect(() => pipe.transform(value, metadata)).toThrow(BadRequestException);
    try {
      pipe.transform(value, metadata);
    } catch (error) {
      expect((error as BadRequestException).getResponse()).toEqual({ message: ['fileName must be given once, as text'] });
    }
  });
});
