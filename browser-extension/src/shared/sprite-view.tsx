import type { CreatureFamily, PetStage, PetState } from '@tamagitto/domain';
import { spriteSvg } from '@tamagitto/domain';

interface Props {
  family: CreatureFamily;
  state: PetState;
  stage: PetStage;
  size: number;
  species?: string;
  class?: string;
}

/**
 * The pet's SVG. innerHTML is safe here and only here: spriteSvg interpolates
 * nothing but its own enum tables (unknown family/state/stage fall back to
 * known values) and a clamped number — never text from the API.
 */
export function SpriteView({ family, state, stage, size, species, class: cls }: Props) {
  return <div class={cls} aria-hidden="true" dangerouslySetInnerHTML={{ __html: spriteSvg(family, state, stage, { size, species }) }} />;
}
