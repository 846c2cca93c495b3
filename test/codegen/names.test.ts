import { describe, expect, it } from 'vitest';
import { NameRegistry, pascalCase, propertyKey } from '../../codegen/names.js';

describe('pascalCase', () => {
  it.each([
    ['TaskCreatedActivity', 'TaskCreatedActivity'],
    ['device_info', 'DeviceInfo'],
    ['media:new', 'MediaNew'],
    ['task.created', 'TaskCreated'],
    ['room-joined', 'RoomJoined'],
    ['Task status', 'TaskStatus'],
    ['HTTP_STATUS', 'HttpStatus'],
    ['3d-model', '_3dModel'],
    ['---', 'Unnamed'],
  ])('%s → %s', (input, expected) => expect(pascalCase(input)).toBe(expected));
});

describe('propertyKey', () => {
  it('leaves identifiers bare and quotes the rest', () => {
    expect(propertyKey('teamId')).toBe('teamId');
    expect(propertyKey('$ref_1')).toBe('$ref_1');
    expect(propertyKey('x-client')).toBe('"x-client"');
    expect(propertyKey('task.created')).toBe('"task.created"');
    expect(propertyKey('1st')).toBe('"1st"');
    expect(propertyKey('')).toBe('""');
  });
});

describe('NameRegistry', () => {
  it('keeps names unique in the order asked', () => {
    const names = new NameRegistry();
    expect(names.claim('Task')).toBe('Task');
    expect(names.claim('Task')).toBe('Task2');
    expect(names.claim('Task')).toBe('Task3');
  });

  it('steers away from built-ins and the generated API', () => {
    const names = new NameRegistry();
    expect(names.claim('Error')).toBe('ErrorSchema');
    expect(names.claim('Record')).toBe('RecordSchema');
    expect(names.claim('ServerMessage', 'Frame')).toBe('ServerMessageFrame');
    expect(names.claim('Comment')).toBe('Comment');
  });
});
