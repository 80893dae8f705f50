import { INestApplication, ParseUUIDPipe, Type as Class } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type {
  OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps its @Type metadata here; the package exports no path to it with types.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface RouteArgument { index: number; data?: unknown; pipes?: unknown[] }

/**
 * States in the document what the server enforces, from the same metadata that enforces it, so
 * that a client (or a fuzzer) built from the document never sends what the server refuses:
 * - a body is validated by the global ValidationPipe with forbidNonWhitelisted, so the schema of
 *   a body's class, and of every class validated inside it (ValidateNested), takes no other
 *   property (`additionalProperties: false`);
 * - class-validator's decorators on a body's or query's class (IsInt, Min, Max, Length, Matches,
 *   IsIn, IsUUID, IsISO8601, ArrayMaxSize… and a property without IsOptional being required)
 *   become the JSON Schema keywords that say the same;
 * - a path parameter parsed by ParseUUIDPipe is `format: uuid`.
 * Each operation is matched to its handler through Nest's operationId (Controller_method[n]); an
 * operation without a handler is an error, so the rules cannot silently stop applying.
 */
export function withServerConstraints(document: OpenAPIObject, app: INestApplication): OpenAPIObject {
  const handlers = handlersByOperationId(app);
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const closed = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const handler = operation.operationId ? handlers.get(operation.operationId.replace(/\[\d+\]$/, '')) : undefined; // a handler on two paths: Name_method[0], [1]
      if (!handler) throw new Error(`OpenAPI: no handler for operation ${operation.operationId}`);
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      for (const argument of handler.arguments) {
        const type = handler.types[argument.index] as Class | undefined;
        if (argument.kind === RouteParamtypes.PARAM && typeof argument.data === 'string' && argument.pipes?.some(isUuidPipe)) {
          const parameter = parameters.find((p) => p.in === 'path' && p.name === argument.data);
          if (!parameter) throw new Error(`OpenAPI: ${operation.operationId} has no path parameter ${argument.data}`);
          parameter.schema = { ...(parameter.schema as SchemaObject), type: 'string', format: 'uuid' };
        }
        if (argument.kind === RouteParamtypes.QUERY && argument.data === undefined && type && validated(type)) {
          for (const [property, rules] of Object.entries(rulesByProperty(type))) {
            const parameter = parameters.find((p) => p.in === 'query' && p.name === property);
            if (!parameter) continue;
            parameter.schema = constrain({ ...(parameter.schema as SchemaObject) }, rules);
            if (isRequired(rules)) parameter.required = true;
          }
        }
        if (argument.kind === RouteParamtypes.BODY && argument.data === undefined && type && validated(type)) {
          const ref = bodyRef(operation);
          if (ref) closeSchema(schemas, ref, type, closed);
        }
      }
    }
  }
  return document;
}

interface Handler { types: unknown[]; arguments: (RouteArgument & { kind: number })[] }

function handlersByOperationId(app: INestApplication): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Class | undefined;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method === 'constructor') continue;
        const routeArgs = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
        const args = Object.entries(routeArgs).map(([key, argument]) => ({ ...argument, kind: Number(key.split(':')[0]) }));
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
        handlers.set(`${controller.name}_${method}`, { types, arguments: args });
      }
    }
  }
  return handlers;
}

function isUuidPipe(pipe: unknown): boolean {
  return pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe;
}

function validated(type: Class): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
}

function bodyRef(operation: OperationObject): string | undefined {
  const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content : undefined;
  const schema = body?.['application/json']?.schema as ReferenceObject | undefined;
  return schema?.$ref?.replace('#/components/schemas/', '');
}

/** The body class's schema: its properties constrained, nothing else accepted; the same for the classes validated inside it. */
function closeSchema(schemas: Record<string, SchemaObject>, name: string, type: Class, done: Set<string>): void {
  if (done.has(name)) return;
  const schema = schemas[name];
  if (!schema) throw new Error(`OpenAPI: no schema ${name} for the body class ${type.name}`);
  done.add(name);
  schema.additionalProperties = false;
  const rules = rulesByProperty(type);
  const required = new Set(schema.required ?? []);
  for (const [property, propertyRules] of Object.entries(rules)) {
    const declared = schema.properties?.[property] as SchemaObject | ReferenceObject | undefined;
    if (!declared) continue;
    if (isRequired(propertyRules)) required.add(property);
    if ('$ref' in declared || (declared.type === 'array' && declared.items && '$ref' in declared.items)) {
      const ref = ('$ref' in declared ? declared.$ref : (declared.items as ReferenceObject).$ref).replace('#/components/schemas/', '');
      const nested = defaultMetadataStorage.findTypeMetadata(type, property)?.typeFunction() as Class | undefined;
      if (nested && propertyRules.some((rule) => rule.type === ValidationTypes.NESTED_VALIDATION)) closeSchema(schemas, ref, nested, done);
      if ('$ref' in declared) continue;
    }
    schema.properties![property] = constrain(declared, propertyRules);
  }
  // The ValidationPipe refuses a property no decorator of class-validator names: the document does not offer one.
  for (const property of Object.keys(schema.properties ?? {})) {
    if (!rules[property]) throw new Error(`OpenAPI: ${name}.${property} is documented but refused by the ValidationPipe (no class-validator decorator)`);
  }
  if (required.size > 0) schema.required = [...required];
}

function rulesByProperty(type: Class): Record<string, ValidationMetadata[]> {
  const byProperty: Record<string, ValidationMetadata[]> = {};
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(type, '', true, false)) {
    (byProperty[rule.propertyName] ??= []).push(rule);
  }
  return byProperty;
}

/** A property without IsOptional (or ValidateIf) fails validation when absent. */
function isRequired(rules: ValidationMetadata[]): boolean {
  return !rules.some((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION)
    && rules.some((rule) => rule.type === ValidationTypes.CUSTOM_VALIDATION || rule.type === ValidationTypes.IS_DEFINED);
}

function constrain(schema: SchemaObject, rules: ValidationMetadata[]): SchemaObject {
  for (const rule of rules) {
    if (rule.type !== ValidationTypes.CUSTOM_VALIDATION) continue;
    const name = getMetadataStorage().getTargetValidatorConstraints(rule.constraintCls)[0]?.name;
    if (!name) continue;
    if (rule.each && schema.type === 'array') {
      schema.items = keywords({ ...(schema.items as SchemaObject) }, name, rule.constraints ?? [], (schema.items as SchemaObject)?.example);
    } else if (!rule.each) {
      keywords(schema, name, rule.constraints ?? [], schema.example);
    }
  }
  return schema;
}

/**
 * class-validator's constraint, as the JSON Schema keyword that says the same (constraints without one are left out).
 * A bound already declared by @ApiProperty (a rule of the domain checked later, e.g. the password's length) is kept when stricter.
 */
function keywords(schema: SchemaObject, name: string, constraints: unknown[], example: unknown): SchemaObject {
  const [first, second] = constraints;
  switch (name) {
    case 'isInt': schema.type = 'integer'; break;
    case 'isNumber': schema.type ??= 'number'; break;
    case 'isBoolean': schema.type = 'boolean'; break;
    case 'isString': schema.type ??= 'string'; break;
    case 'min': schema.minimum = Math.max(schema.minimum ?? -Infinity, first as number); break;
    case 'max': schema.maximum = Math.min(schema.maximum ?? Infinity, first as number); break;
    case 'minLength': schema.minLength = Math.max(schema.minLength ?? 0, first as number); break;
    case 'maxLength': schema.maxLength = Math.min(schema.maxLength ?? Infinity, first as number); break;
    case 'isLength':
      schema.minLength = Math.max(schema.minLength ?? 0, first as number);
      if (typeof second === 'number') schema.maxLength = Math.min(schema.maxLength ?? Infinity, second);
      break;
    case 'isNotEmpty': if (schema.type === 'string') schema.minLength = Math.max(schema.minLength ?? 0, 1); break;
    case 'matches':
      if (first instanceof RegExp && !first.flags.replace(/[gu]/g, '')) schema.pattern = first.source;
      else if (typeof first === 'string' && !second) schema.pattern = first;
      break;
    case 'isIn': schema.enum = [...(first as unknown[])]; break;
    case 'isUuid': schema.format = 'uuid'; break;
    case 'isEmail': schema.format = 'email'; break;
    case 'isIso8601': schema.format = typeof example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(example) ? 'date' : 'date-time'; break;
    case 'arrayMinSize': schema.minItems = Math.max(schema.minItems ?? 0, first as number); break;
    case 'arrayMaxSize': schema.maxItems = Math.min(schema.maxItems ?? Infinity, first as number); break;
    case 'arrayUnique': schema.uniqueItems = true; break;
    default: break;
  }
  return schema;
}
