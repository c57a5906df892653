// The interlayer tour (issue #5): three captions telling the story of Sung et al., Adv. Mater. 2023
// (10.1002/adma.202210835), each setting the view so caption and picture agree. Plain text only.
import type { TourStep } from './tour';
import type { LithiumColour } from '../view/interlayer-view';

export interface InterlayerTourStep extends TourStep {
  il: { colour: LithiumColour; cut: boolean; camera: 'iso' | 'front' | 'top' };
}

export const INTERLAYER_TOUR: InterlayerTourStep[] = [
  {
    title: 'Commuters to the suburbs',
    text:
      'Li+ ions come through the solid electrolyte (translucent, on top) and are reduced at the interlayer. The lithium–silicon ' +
      'particles and carbon nanotubes conduct both ions and electrons and Li sticks to them (lithiophilic), so the new Li atoms ' +
      'do not pile up under the electrolyte: like commuters they travel through the porous layer and settle at the current ' +
      'collector, where the dense Li layer (silver, bottom) grows and lifts the whole interlayer. Watch the inventory plot: ' +
      'almost all the capacity ends up at the collector.',
    il: { colour: 'poreSize', cut: false, camera: 'iso' },
  },
  {
    title: 'Li in nanopores is soft',
    text:
      'Cut open, the layer shows Li filling the nanopores between the particles (coloured by the local pore size). In pores of ' +
      'tens of nanometres Li deforms by diffusion along its surfaces (Coble creep, whose stress grows with the pore size cubed), ' +
      'so it flows at a few MPa: it fills the pores and relieves its own stress instead of pushing on the electrolyte. Layers ' +
      'formed under 65 MPa keep their pores small.',
    il: { colour: 'poreSize', cut: true, camera: 'front' },
  },
  {
    title: 'In big pores Li is hard',
    text:
      'Coloured by flow stress: the mechanism map (plot) shows why size matters. Above a crossover of roughly a micron, ' +
      'dislocation plasticity takes over and Li needs far more stress to flow; where deposits sit above the electrolyte\'s ' +
      'penetration threshold (dashed line), Li can crack into the electrolyte and short the cell. Layers formed under only ' +
      '5 MPa have larger pores; the paper\'s 5 MPa cell shorted after 21 cycles. Here even those pores (< 60 nm) keep the Li ' +
      'soft through a plating and a few cycles: it takes a pore of about 0.35 µm under the electrolyte to crack it. The model is a lattice kMC with 10 nm voxels ' +
      'and a mean-field stress criterion, not a full mechanical simulation of the Li.',
    il: { colour: 'flowStress', cut: true, camera: 'front' },
  },
];
