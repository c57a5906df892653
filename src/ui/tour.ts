// Guided tours: a few captions per scene that say what to look at and what the model leaves out
// (teachers need the limits stated). Each step may set the view up (colour field, cut, camera,
// force network) so the caption and the picture agree. Content follows docs/model.md §10–11 (measured numbers there).
// Captions are plain text (textContent), never HTML.

import type { ColorField } from '../worker/messages';
import type { ViewPreset } from '../view/camera';

export interface TourStep {
  title: string;
  text: string;
  /** What the step shows; omitted fields are left as they are. */
  view?: {
    field?: ColorField;
    clip?: boolean;
    camera?: ViewPreset;
    network?: boolean;
  };
}

/** The calendering tour; the first caption names the PSD of the preset. Numbers: docs/model.md §10. */
function calendering(psd: string): TourStep[] {
  return [
    {
      title: 'A poured electrode powder',
      text:
        `Each sphere is one active-material particle, its size drawn from a measured distribution (coloured by diameter): ${psd} ` +
        'Press Start: the spheres pour under gravity and settle into a loose bed of about 1.37 g/cm³.',
      view: { field: 'diameter', clip: false, camera: 'iso', network: false },
    },
    {
      title: 'Calendering: the platen presses the bed',
      text:
        'The platen comes down slowly enough to stay quasi-static (inertial number ≤ 0.001): first to 1.52 g/cm³, the sphere model\'s equivalent of the paper\'s 1.3 g/cm³ ' +
        '(spheres pour denser than real powder, so the same fraction of the way from poured to 1.75 is used), then to 1.75 g/cm³; then it lifts off and the bed springs back about 8 %. ' +
        'Watch the pressure-vs-density plot climb steeply. The spheres are softened (E = 50 MPa; graphite is 10–30 GPa) so that this runs in a browser: ' +
        'stresses scale with E, so multiply the pressures by about 600 for real graphite.',
      view: { field: 'pressure', clip: false, camera: 'iso', network: false },
    },
    {
      title: 'Where the load goes',
      text:
        'Orange cylinders join particles in contact; their width grows with the contact force. Only contacts above the mean force are drawn: ' +
        'they form chains that carry most of the load from the platen to the current collector, while many particles in between are barely loaded. ' +
        'Large spheres gather the strongest chains.',
      view: { field: 'pressure', network: true, camera: 'front' },
    },
    {
      title: 'A cut through the electrode',
      text:
        'The clipping plane cuts the stack like an SEM cross-section (von Mises stress of each particle). ' +
        'Small particles wedged between large ones carry high stresses; near 1.75 g/cm³ some are squeezed deep into their neighbours.',
      view: { field: 'vonMises', clip: true, camera: 'front', network: false },
    },
    {
      title: 'What this model leaves out',
      text:
        'Spheres, not graphite flakes: no flake orientation, no bending, no fracture. No binder, no conductive carbon, no cohesion: spheres without cohesion pour far denser ' +
        '(about 1.37 g/cm³) than real flaky powders (tap density about 1 g/cm³). Contacts are soft and overlap: at 1.75 g/cm³ the mean overlap is about 15 % of a radius and the largest about 80 %, ' +
        'standing in for deformation the spheres cannot do; densities that high are at the limit of what spheres can represent.',
      view: { field: 'coordination', clip: false, camera: 'iso', network: false },
    },
  ];
}

/** Tours by preset name. */
export const TOURS: ReadonlyMap<string, TourStep[]> = new Map([
  ['calendering-wide', calendering('the wide WD-SiG blend mixes a 19 µm and an 11 µm graphite grade, so small spheres fill the gaps between large ones.')],
  ['calendering-narrow', calendering('the narrow SiG distribution is the 11 µm graphite grade alone, so the spheres are of similar size.')],
]);

/** The caption card over the 3-D view: Back / Next / Close. */
export class Tour {
  private steps: TourStep[] = [];
  private index = 0;
  private readonly title: HTMLElement;
  private readonly text: HTMLElement;
  private readonly count: HTMLElement;
  private readonly back: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  constructor(private readonly card: HTMLElement, private readonly show: (step: TourStep) => void) {
    this.title = card.querySelector('.tour-title')!;
    this.text = card.querySelector('.tour-text')!;
    this.count = card.querySelector('.tour-count')!;
    this.back = card.querySelector('.tour-back')!;
    this.next = card.querySelector('.tour-next')!;
    this.back.addEventListener('click', () => this.go(this.index - 1));
    this.next.addEventListener('click', () => (this.index + 1 < this.steps.length ? this.go(this.index + 1) : this.close()));
    card.querySelector('.tour-close')!.addEventListener('click', () => this.close());
  }

  get open(): boolean { return !this.card.hidden; }
  get step(): number { return this.index; }

  start(steps: TourStep[]): void {
    this.steps = steps;
    this.card.hidden = false;
    this.go(0);
  }

  close(): void { this.card.hidden = true; }

  private go(k: number): void {
    if (k < 0 || k >= this.steps.length) return;
    this.index = k;
    const s = this.steps[k];
    this.title.textContent = s.title;
    this.text.textContent = s.text;
    this.count.textContent = `${k + 1} / ${this.steps.length}`;
    this.back.disabled = k === 0;
    this.next.textContent = k + 1 < this.steps.length ? 'Next' : 'Done';
    this.show(s);
  }
}
