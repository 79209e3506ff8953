// Builds the Appmixer component.json files of appmixer/pinterest from the
// component's manifest: each in port lists an operation's input fields
// (camelCase, as Appmixer flows name them) with the manifest's schemas and
// help text, each out port the fields of its output, and the quota resource
// is the operation's Pinterest rate-limit category. `npm run generate`
// writes them; the tests check the committed files are what this produces.

import { camel } from './connector.js';

const SERVICE = 'wasm:pinterest';
const VENDOR = 'wasm.pinterest';

/** A label from a WIT name: `board-section-id` → `Board section ID`. */
export function label(name) {
  const words = name.split('-').map((w) => (w === 'id' ? 'ID' : w === 'url' ? 'URL' : w));
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/** A schema with its object keys in camelCase, as the ports carry values. */
export function camelSchema(schema) {
  if (schema.oneOf) return { ...schema, oneOf: schema.oneOf.map(camelSchema) };
  if (schema.type === 'object') {
    const properties = {};
    for (const [key, property] of Object.entries(schema.properties)) {
      properties[camel(key)] = camelSchema(property);
    }
    return { ...schema, properties, required: schema.required.map(camel) };
  }
  if (schema.type === 'array') return { ...schema, items: camelSchema(schema.items) };
  return schema;
}

function inspectorType(schema) {
  if (schema.enum) return 'select';
  if (schema.type === 'integer') return 'number';
  if ((schema.maxLength ?? 0) > 200) return 'textarea';
  return 'text';
}

/** One in port from `fields`: [WIT name, schema, required] triples. */
function inPort(fields) {
  const properties = {};
  const inputs = {};
  fields.forEach(([name, schema], index) => {
    const key = camel(name);
    const { description, ...rest } = schema;
    properties[key] = camelSchema(rest);
    inputs[key] = {
      type: inspectorType(schema),
      label: label(name),
      tooltip: description,
      index,
      ...(schema.enum ? { options: schema.enum.map((value) => ({ label: label(value), value })) } : {}),
    };
  });
  return {
    name: 'in',
    schema: {
      type: 'object',
      properties,
      required: fields.filter(([, , required]) => required).map(([name]) => camel(name)),
    },
    inspector: { inputs },
  };
}

/** One out port listing `properties` (WIT name → schema). */
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

function component(manifest, name, operation, description, inPortSpec, outProperties) {
  const op = manifest.operations.find((o) => o.name === operation);
  return {
    name: `${VENDOR}.core.${name}`,
    description,
    version: manifest.version,
    auth: { service: SERVICE, scope: op.scopes },
    quota: { manager: SERVICE, resources: op.rateLimitCategory, scope: { userId: '{{userId}}' } },
    inPorts: [inPort(inPortSpec)],
    outPorts: [outPort(outProperties)],
  };
}

/** The component.json files, by path below appmixer/pinterest/. */
export function appmixerComponents(manifest) {
  const list = manifest.operations.find((o) => o.name === 'list-boards');
  const query = list.input.properties.query;
  const board = list.output.properties.items;
  const create = manifest.operations.find((o) => o.name === 'create-pin');
  const pin = create.input.properties.pin;
  const imageUrl = pin.properties.media.oneOf.find((c) => c.properties.tag.const === 'image-url');
  // The pin's fields in WIT order, its media as one image URL.
  const pinFields = Object.entries(pin.properties).map(([name, schema]) => (name === 'media'
    ? ['image-url', { ...imageUrl.properties.val, description: 'Public URL Pinterest fetches the image from.' }, true]
    : [name, schema, pin.required.includes(name)]));
  const maxBoards = manifest.operations.find((o) => o.name === 'list-all-boards').input.properties['max-boards'];
  return {
    'core/ListBoards/component.json': component(
      manifest, 'ListBoards', 'list-boards',
      'Lists the boards of the account, following bookmarks page by page.',
      [
        ['privacy', query.properties.privacy, false],
        ['page-size', query.properties['page-size'], false],
        ['max-boards', maxBoards, false],
      ],
      { boards: { ...board, description: 'The boards.' }, count: { type: 'integer', minimum: 0, description: 'How many boards.' } },
    ),
    'core/CreatePin/component.json': component(
      manifest, 'CreatePin', 'create-pin',
      'Creates a pin from an image URL on a board.',
      pinFields,
      create.output.properties,
    ),
  };
}
