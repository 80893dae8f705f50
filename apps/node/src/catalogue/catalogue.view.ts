import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the catalogue endpoints answer with, declared for the OpenAPI document (the web client's types). */
export class CatalogueSummary {
  @ApiProperty() version!: number;
  @ApiProperty({ type: [String], example: ['en', 'fr', 'de'] }) languages!: readonly string[];
  @ApiProperty({ type: [String], description: 'The legislative areas the catalogue has questions for' }) areas!: string[];
}

export class LocalisedChoiceView {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
}

export class LocalisedQuestionView {
  @ApiProperty({ example: 'pq.diploma.authentic' }) id!: string;
  @ApiProperty({ enum: ['yes-no', 'date', 'text', 'choice', 'document'] }) answerType!: string;
  @ApiProperty() personalData!: boolean;
  @ApiProperty() sensitive!: boolean;
  @ApiProperty() freeText!: boolean;
  @ApiProperty({ description: 'The language of text and choices: the one asked for, or English' }) language!: string;
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ type: [LocalisedChoiceView] }) choices?: LocalisedChoiceView[];
}
