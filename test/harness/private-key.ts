// The tests' name for the one throw-away key generator; neither nock nor the simulator checks its JWTs.
export { throwawayPrivateKey as testPrivateKey } from "../../src/runtime/app-key.js";
