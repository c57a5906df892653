// Compare mode's linked cameras, for any two views that report camera moves and take a camera state
// (the lab's Viewer, the interlayer view). No three.js here: the page imports it before the views load.
import type { CameraRig } from './camera';

/** A view that reports camera moves and takes a camera state (the lab's Viewer, the interlayer view). */
export interface CameraLinkable {
  onCamera: (() => void) | null;
  getCamera(): ReturnType<CameraRig['getState']>;
  setCamera(c: ReturnType<CameraRig['getState']>): void;
}

/** Compare mode: moving one view's camera moves the other's. */
export function linkCameras(a: CameraLinkable, b: CameraLinkable): void {
  let syncing = false;
  const follow = (from: CameraLinkable, to: CameraLinkable) => () => {
    if (syncing) return;
    syncing = true;
    try { to.setCamera(from.getCamera()); } finally { syncing = false; }
  };
  a.onCamera = follow(a, b);
  b.onCamera = follow(b, a);
}
