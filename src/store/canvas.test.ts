import { describe, expect, it } from 'vitest';
import { createCanvasStore } from './canvas';

describe('canvas store', () => {
  it('starts with the camera as the link says and toggles it', () => {
    expect(createCanvasStore().getState().camera).toBe(false);
    const store = createCanvasStore(true);
    expect(store.getState().camera).toBe(true);
    store.getState().setCamera(false);
    expect(store.getState().camera).toBe(false);
  });

  it('starts folded unless the link says fold=0, and "show all" toggles it', () => {
    expect(createCanvasStore().getState().showAll).toBe(false);
    const store = createCanvasStore(false, true);
    expect(store.getState().showAll).toBe(true);
    store.getState().setShowAll(false);
    expect(store.getState().showAll).toBe(false);
  });

  it('numbers every namespace opened, so the same one opened twice is a new request', () => {
    const store = createCanvasStore();
    store.getState().openNamespace('host1', 'pod-a');
    const first = store.getState().opened;
    store.getState().openNamespace('host1', 'pod-a');
    expect(first).toEqual({ machine: 'host1', netns: 'pod-a', seq: 1 });
    expect(store.getState().opened).toEqual({ machine: 'host1', netns: 'pod-a', seq: 2 });
  });
});
