import 'reflect-metadata';
import { Body, Controller, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiProperty, ApiPropertyOptional, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { withServerConstraints } from './server-constraints';

class InnerDto {
  @ApiProperty() @IsString() @Length(1, 10) name!: string;
}

class OuterDto {
  @ApiProperty() @Matches(/^\d{6}$/) code!: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' }) @IsOptional() @IsISO8601() at?: string;
  @ApiProperty({ type: [InnerDto] }) @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) @Type(() => InnerDto) inner!: InnerDto[];
}

class ListQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsIn(['a', 'b']) kind?: string;
}

@Controller('things')
class ThingsController {
  @Post(':id')
  change(@Param('id', ParseUUIDPipe) id: string, @Param('other') other: string, @Body() dto: OuterDto, @Query() query: ListQuery): unknown {
    return { id, other, dto, query };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('withServerConstraints', () => {
  it('states the ValidationPipe, class-validator and ParseUUIDPipe rules in the document', async () => {
    const app = await NestFactory.create(ThingsModule, { preview: true, logger: false });
    const raw = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    // A second path parameter that no pipe parses, so the rule is seen not to apply to it.
    raw.paths['/things/{id}'].post!.parameters!.push({ name: 'other', in: 'path', required: true, schema: { type: 'string' } });
    const document = withServerConstraints(raw, app) as any;
    await app.close();

    const operation = document.paths['/things/{id}'].post;
    const parameter = (name: string) => operation.parameters.find((p: { name: string }) => p.name === name);
    expect(parameter('id').schema).toEqual({ type: 'string', format: 'uuid' });
    expect(parameter('other').schema.format).toBeUndefined();
    expect(parameter('limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(parameter('kind').schema.enum).toEqual(['a', 'b']);

    const { OuterDto: outer, InnerDto: inner } = document.components.schemas;
    expect(outer.additionalProperties).toBe(false);
    expect(outer.properties.code.pattern).toBe('^\\d{6}$');
    expect(outer.properties.at.format).toBe('date-time');
    expect(outer.properties.inner).toMatchObject({ type: 'array', maxItems: 3 });
    expect(outer.required.sort()).toEqual(['code', 'inner']);
    expect(inner).toMatchObject({ additionalProperties: false, required: ['name'], properties: { name: { minLength: 1, maxLength: 10 } } });
  });
});
