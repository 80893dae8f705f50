import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/**
 * A query parameter read as one string: Express turns `?x=a&x=b` into an array, which code
 * expecting a string would trip over (a 500). Given twice, it is a validation problem (400).
 * Type the parameter `string | undefined`, not `x?: string`: for a plain `string` the global
 * ValidationPipe first joins the array into "a,b", and this pipe would never see it.
 */
@Injectable()
export class SingleValue implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined || typeof value === 'string') return value;
    throw new BadRequestException({ message: [`${metadata.data ?? 'parameter'} must be given once, as text`] });
  }
}
