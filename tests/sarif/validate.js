// validate.js LOG.sarif... - check SARIF logs against the SARIF 2.1.0 schema
// shipped in @microsoft/jest-sarif (the OASIS schema, 2.1.0-rtm.5), with
// ajv.  Prints "valid: FILE" or the schema errors; exits 1 on any error.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schemaFile = path.join(__dirname, 'node_modules', '@microsoft', 'jest-sarif',
	'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const ajv = new Ajv({ allErrors: true, schemaId: 'auto', jsonPointers: true });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);
let bad = 0;
for (const file of process.argv.slice(2)) {
	const log = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (validate(log)) {
		console.log('valid: ' + file);
	} else {
		bad++;
		for (const e of validate.errors)
			console.log(file + ': ' + e.dataPath + ' ' + e.message);
	}
}
process.exit(bad ? 1 : 0);
