// Mutation testing of @rapport/core: pnpm test:mutation core (docs/contributing.md).
import { mutationConfig } from '../../scripts/mutation-config.mjs';

export default mutationConfig('core');
