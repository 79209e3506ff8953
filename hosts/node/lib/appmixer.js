// Builds the Appmixer component.json files of appmixer/pinterest from the
// component's manifest and the connector's table of components
// (appmixer/pinterest/components.js): each in port (a trigger's properties)
// lists the fields the table names, with the manifest's schemas and help
// text (camelCase, as Appmixer flows name them); board and section fields
// get dropdowns fed by ListBoards and ListSections; each out port lists the
// fields of the answer; auth scopes and the quota resource (Pinterest's
// rate-limit category) are the operation's. `npm run generate` writes them;
// the tests check the committed files are what this produces.

import { createRequire } from 'node:module';

import { camel } from './connector.js';

const require = createRequire(import.meta.url);
const { components } = require('../appmixer/pinterest/components.js');

const SERVICE = 'wasm:pinterest';
const VENDOR = 'wasm.pinterest';
/** Where Appmixer's designer asks a component for dropdown options. */
const COMPONENT_URL = '/component/wasm/pinterest/core';

/** A label from a WIT name: `board-section-id` → `Board section ID`. */
export function label(name) {
  const words = name.split('-').map((w) => (w === 'id' ? 'ID' : w === 'url' ? 'URL' : w));
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/** A label from a port field name: `boardSectionId` → `Board section ID`. */
function fieldLabel(field) {
  return label(field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
}

/** A schema with its object keys in camelCase, as the ports carry values. */
export function camelSchema(schema) {
  if (schema.oneOf) return { ...schema, oneOf: schema.oneOf.map(camelSchema) };
  if (schema.type === 'object' && schema.properties) {
    const properties = {};
    for (const [key, property] of Object.entries(schema.properties)) {
      properties[camel(key)] = camelSchema(property);
    }
    return { ...schema, properties, required: (schema.required ?? []).map(camel) };
  }
  if (schema.type === 'array') return { ...schema, items: camelSchema(schema.items) };
  return schema;
}

function operationOf(manifest, name) {
  const op = manifest.operations.find((o) => o.name === name);
  if (!op) throw new Error(`The manifest has no operation ${name}: the Appmixer table names one the component lacks.`);
  return op;
}

/**
 * The schema at `pointer` in `operation`'s input (see components.js), the
 * help text found on the way, and whether every step is required.
 */
function resolvePointer(manifest, operation, pointer) {
  const [opName, path] = pointer.includes(':') ? pointer.split(':') : [operation, pointer];
  let schema = operationOf(manifest, opName).input;
  let required = true;
  let description;
  for (const segment of path.split('.')) {
    const [key, tag] = segment.split('#');
    if (!schema.properties?.[key]) throw new Error(`${opName} has no input ${pointer}`);
    required &&= schema.required.includes(key);
    schema = schema.properties[key];
    description = schema.description ?? description;
    if (tag) {
      const alternative = schema.oneOf?.find((alt) => alt.properties.tag.const === tag);
      if (!alternative?.properties.val) throw new Error(`${opName}: ${pointer} names no case with a value`);
      description = alternative.description ?? description;
      schema = alternative.properties.val;
      description = schema.description ?? description;
      required = false;
    }
  }
  return { schema, required, description };
}

/**
 * An option's label: what its description spells in code when that is all
 * it says (`GET`), else the value's label.
 */
function optionLabel(schema, value, index) {
  const code = /^`([^`]+)`\.$/.exec(schema['x-enum-descriptions']?.[index] ?? '');
  return code ? code[1] : label(value);
}

function inspectorType(schema) {
  if (schema.enum) return 'select';
  if (schema.type === 'integer') return 'number';
  if (schema.type === 'boolean') return 'toggle';
  if ((schema.maxLength ?? 0) > 255 && schema.format !== 'uri') return 'textarea';
  return 'text';
}

/**
 * The `source` of a dropdown: ListBoards' boards, or ListSections' sections
 * of the board in `boardId` (of this port's inputs, or of the trigger's
 * properties).
 */
function dropdownSource(kind, where) {
  if (kind === 'board') {
    return {
      url: `${COMPONENT_URL}/ListBoards?outPort=out`,
      data: { transform: './ListBoards#boardsToSelectArray' },
    };
  }
  return {
    url: `${COMPONENT_URL}/ListSections?outPort=out`,
    data: {
      messages: { 'in/boardId': `${where}/boardId`, 'in/isSource': true },
      transform: './ListSections#sectionsToSelectArray',
    },
  };
}

/** The schema and inspector of a component's fields (in port or trigger properties). */
function fieldsPort(manifest, spec, where) {
  const properties = {};
  const inputs = {};
  const required = [];
  spec.fields.forEach(([field, pointer, extras = {}], index) => {
    const found = pointer
      ? resolvePointer(manifest, spec.operation, pointer)
      : { schema: extras.schema, required: false, description: extras.tooltip };
    const { description, ...schema } = found.schema;
    properties[field] = camelSchema(schema);
    if (extras.required ?? found.required) required.push(field);
    inputs[field] = {
      type: extras.type ?? (extras.dropdown ? 'select' : inspectorType(schema)),
      label: extras.label ?? fieldLabel(field),
      tooltip: extras.tooltip ?? description ?? found.description,
      index,
      ...(schema.enum ? { options: schema.enum.map((value, i) => ({ label: optionLabel(schema, value, i), value })) } : {}),
      ...(extras.dropdown ? { source: dropdownSource(extras.dropdown, where) } : {}),
    };
  });
  const port = { schema: { type: 'object', properties, required }, inspector: { inputs } };
  if (spec.dropdownSource) {
    // Asked for options before its field is set: then `isSource` and nothing required.
    port.schema = {
      type: 'object',
      properties,
      if: { properties: { isSource: { enum: [true] } }, required: ['isSource'] },
      then: { required: [] },
      else: { required },
    };
  }
  return port;
}

/** The out port's fields (name → schema), from the table's `output`. */
function outProperties(manifest, spec) {
  const output = spec.output ?? {};
  const op = operationOf(manifest, output.operation ?? spec.operation);
  if (output === 'echo') {
    return Object.fromEntries(spec.fields.map(([field, pointer]) => {
      const { schema, description } = resolvePointer(manifest, spec.operation, pointer);
      return [field, { ...schema, description: schema.description ?? description }];
    }));
  }
  if (output.list) {
    const { items, bookmark } = op.output.properties;
    return {
      [output.list]: { ...items, description: `The ${output.list}, in the order Pinterest lists them.` },
      count: { type: 'integer', minimum: 0, description: `How many ${output.list}.` },
      bookmark: {
        ...bookmark,
        description: `Set when the cap stopped the listing before the last of the ${output.list}: where it stopped.`,
      },
    };
  }
  if (output.each) return op.output.properties[output.each].items.properties;
  return { ...op.output.properties, ...(output.extra ?? {}) };
}

function outPort(properties) {
  return {
    name: 'out',
    options: Object.entries(properties).map(([name, schema]) => ({
      label: label(name),
      value: camel(name),
      schema: camelSchema(schema),
    })),
  };
}

function component(manifest, name, spec) {
  const ops = [spec.operation, ...(spec.also ?? [])].map((o) => operationOf(manifest, o));
  const scopes = [...new Set(ops.flatMap((o) => o.scopes))].sort();
  const json = {
    name: `${VENDOR}.core.${name}`,
    description: spec.description,
    version: manifest.version,
    auth: { service: SERVICE, scope: scopes },
    quota: {
      manager: SERVICE,
      resources: spec.quota ?? ops[0].rateLimitCategory,
      scope: { userId: '{{userId}}' },
    },
  };
  if (spec.trigger) {
    return {
      ...json,
      trigger: true,
      tick: true,
      properties: fieldsPort(manifest, spec, 'properties'),
      outPorts: [outPort(outProperties(manifest, spec))],
    };
  }
  return {
    ...json,
    inPorts: [{ name: 'in', ...fieldsPort(manifest, spec, 'inputs/in') }],
    outPorts: [outPort(outProperties(manifest, spec))],
  };
}

/** The component.json files, by path below appmixer/pinterest/. */
export function appmixerComponents(manifest) {
  return Object.fromEntries(Object.entries(components).map(([name, spec]) => [
    `core/${name}/component.json`,
    component(manifest, name, spec),
  ]));
}
