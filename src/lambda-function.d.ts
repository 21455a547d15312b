/** The adapter ships types for its index only; src/lambda.ts imports this one file of it (and casts). */
declare module "@probot/adapter-aws-lambda-serverless/lambda-function.js" {
  const lambdaFunction: (probot: unknown, event: unknown, context: unknown) => Promise<unknown>;
  export default lambdaFunction;
}
