/** The bundled command's entry: run the command line and set the exit code. */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
