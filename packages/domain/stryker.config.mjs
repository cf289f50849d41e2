// Mutation testing of @rapport/domain: pnpm test:mutation domain (docs/contributing.md).
import { mutationConfig } from '../../scripts/mutation-config.mjs';

export default mutationConfig('domain');
